namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>One in-process server (and silo) shared by a test class; starting one costs a couple of seconds.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public CtiServerFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
