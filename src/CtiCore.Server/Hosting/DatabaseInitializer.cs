using CtiCore.Data;
using CtiCore.Server.Auth;

namespace CtiCore.Server.Hosting;

/// <summary>Migrates the CRM schema and creates the first administrator before the server takes requests.</summary>
internal sealed partial class DatabaseInitializer(
    IServiceProvider services,
    DatabaseReadiness readiness,
    AdminBootstrapper adminBootstrapper,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsMigrated)
        {
            return;
        }

        await services.MigrateCrmDatabaseAsync(cancellationToken).ConfigureAwait(false);
        LogMigrated(logger);
        await adminBootstrapper.EnsureAdminAsync(cancellationToken).ConfigureAwait(false);
        readiness.MarkMigrated();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "CRM database schema is up to date")]
    private static partial void LogMigrated(ILogger logger);
}
