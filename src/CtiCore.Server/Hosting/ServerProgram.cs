using CtiCore.Server.Configuration;
using CtiCore.Server.Demo;

namespace CtiCore.Server.Hosting;

/// <summary>What <c>dotnet run</c> does: serve, or with <c>--seed-demo</c> fill a fresh database and exit.</summary>
internal static class ServerProgram
{
    public const string SeedDemoSwitch = "--seed-demo";
    private const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var seedDemo = args.Contains(SeedDemoSwitch, StringComparer.Ordinal);
        var hostArgs = args.Where(a => !string.Equals(a, SeedDemoSwitch, StringComparison.Ordinal)).ToArray();
        try
        {
            var app = ServerApplication.Build(hostArgs);
            await using (app.ConfigureAwait(false))
            {
                if (seedDemo)
                {
                    return await DemoSeedCommand.RunAsync(app.Services, CancellationToken.None).ConfigureAwait(false);
                }

                await app.RunAsync().ConfigureAwait(false);
                return 0;
            }
        }
        catch (Exception ex) when (StartupFailure.TryDescribe(ex, out var line))
        {
            // One line naming the setting; no stack trace for a configuration mistake.
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }
    }
}
