using System.Text.Json.Serialization;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using CtiCore.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Hosting;

/// <summary>JSON conventions, problem details, OpenAPI and the services the REST handlers use.</summary>
internal static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddCtiApi(this WebApplicationBuilder builder, DataFolder dataFolder)
    {
        var services = builder.Services;

        // Cookie encryption keys live beside the database, so logins survive restarts and the folder is all there is to back up.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(dataFolder.Combine("keys"))).SetApplicationName("CtiCore");
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Let malformed bodies reach BadRequestExceptionHandler, which names the field, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PhoneNormalizer(sp.GetRequiredService<IOptions<PhoneOptions>>().Value.DefaultRegion));
        services.AddScoped<CredentialVerifier>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Api.Campaigns.CampaignImports>(sp, dataFolder));
        services.AddHostedService<Api.Campaigns.CampaignResumer>();
        return builder;
    }
}
