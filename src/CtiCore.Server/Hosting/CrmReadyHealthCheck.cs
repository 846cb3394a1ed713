using CtiCore.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CtiCore.Server.Hosting;

/// <summary>Ready = the schema has been migrated and the database answers a query now.</summary>
internal sealed class CrmReadyHealthCheck(DatabaseReadiness readiness, IDbContextFactory<CrmDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsMigrated)
        {
            return HealthCheckResult.Unhealthy("The CRM database is not migrated yet.");
        }

        try
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                // A real query, not just "can open": a deleted or locked file shows up here.
                _ = await db.Users.AsNoTracking().AnyAsync(cancellationToken).ConfigureAwait(false);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The CRM database does not answer.", ex);
        }
    }
}
