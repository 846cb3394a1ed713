using CtiCore.Data;
using CtiCore.Data.Crm;
using CtiCore.Server.Auth;
using CtiCore.Server.Configuration;

namespace CtiCore.Server.Hosting;

/// <summary>The CRM database: connection string, EF registration, migration at start and the readiness check.</summary>
internal static class DataHostingExtensions
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddCtiData(this WebApplicationBuilder builder, DataFolder dataFolder)
    {
        var connectionString = CrmConnectionStringResolver.Resolve(builder.Configuration, dataFolder, builder.Environment.ContentRootPath);
        try
        {
            builder.Services.AddCrmData(connectionString);

            // The grains' ports share the CRM's context factory (registered above), whatever the provider.
            builder.Services.AddCtiCoreCrmPorts<CrmDbContext>();
        }
        catch (InvalidOperationException ex)
        {
            // CtiCore.Data names the setting in its message and never echoes the secret parts.
            throw new StartupConfigurationException(ex.Message, ex);
        }

        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<AdminBootstrapper>();
        builder.Services.AddSingleton<DatabaseInitializer>();

        // Registered before Orleans and before the web server so the schema exists before anything uses it.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        builder.Services.AddHealthChecks().AddCheck<CrmReadyHealthCheck>("crm", tags: [ReadyTag]);
        return builder;
    }
}
