using CtiCore.Server.Api.Auth;
using CtiCore.Server.Api.Calls;
using CtiCore.Server.Api.Campaigns;
using CtiCore.Server.Api.Clients;
using CtiCore.Server.Api.Contacts;
using CtiCore.Server.Api.Departments;
using CtiCore.Server.Api.Interactions;
using CtiCore.Server.Api.Users;
using CtiCore.Server.Configuration;
using CtiCore.Server.Realtime;
using CtiCore.Server.Recording;
using CtiCore.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Hosting;

/// <summary>
/// Composition root: every service registration and the whole middleware pipeline, in order. Each feature adds
/// one line here (AddXxx on the builder, MapXxxApi on the app).
/// </summary>
internal static class ServerApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseDefaultListenAddress();

        var storage = EagerOptions.Read(builder.Configuration, StorageOptions.SectionName, new StorageOptionsValidator());
        var dataFolder = new DataFolder(builder.Environment.ContentRootPath, storage.DataFolder);
        builder.Services.AddSingleton(dataFolder);
        builder.Services.AddCtiOptions();

        builder.AddCtiLogging(dataFolder);
        builder.AddCtiData(dataFolder);
        builder.AddCtiOrleans();
        builder.AddCtiRealtime();
        builder.AddCtiAuthentication();
        builder.AddCtiApi(dataFolder);
        builder.AddCtiTelephony();
        builder.Services.AddCallsApi();
        builder.AddCtiRecording(dataFolder);
        builder.AddCtiSipPbx();
        builder.AddCtiWebhooks();

        var app = builder.Build();

        // Fail on a bad setting now, before the silo or the database is touched (and in --seed-demo mode too).
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCtiRequestLogging();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapCtiHealth();
        app.MapOpenApi();
        app.MapAuthApi();
        app.MapClientsApi();
        app.MapContactsApi();
        app.MapUsersApi();
        app.MapDepartmentsApi();
        app.MapInteractionsApi();
        app.MapCallsApi();
        app.MapRecordingsApi();
        app.MapCampaignsApi();
        app.MapCtiHubs();
        app.MapWebhooksApi();
        return app;
    }
}
