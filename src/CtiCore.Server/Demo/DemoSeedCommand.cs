namespace CtiCore.Server.Demo;

internal static class DemoSeedCommand
{
    public static Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.FromResult(0);
}
