using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CtiCore.Server.Hosting;

internal static class HealthEndpoints
{
    /// <summary>/health/live: the process answers. /health/ready: the CRM database is migrated and answers.</summary>
    public static IEndpointRouteBuilder MapCtiHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(DataHostingExtensions.ReadyTag) })
            .AllowAnonymous();
        return endpoints;
    }
}
