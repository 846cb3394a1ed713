using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Telephony;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CtiCore.Server.Realtime;

/// <summary>SignalR hubs, the grain→hub bridge and the sinks that feed it.</summary>
internal static class RealtimeHostingExtensions
{
    /// <summary>A PBX adapter registers its command sink under this key; without one, commands are only logged.</summary>
    public const string PbxCommandSinkKey = "pbx";

    public const string AgentHubPath = "/hubs/agent";
    public const string SupervisorHubPath = "/hubs/supervisor";

    /// <summary>Call after AddCtiOrleans: these registrations replace the grains' default sinks.</summary>
    public static WebApplicationBuilder AddCtiRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSignalR(o =>
        {
            o.AddFilter<HubRateLimitFilter>();
            o.EnableDetailedErrors = false;
        });
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<ScreenPopBuilder>();
        services.AddSingleton<CampaignPops>();
        services.AddSingleton<RealtimeBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeBridge>());
        services.AddSingleton<IAgentStateListener>(sp => sp.GetRequiredService<RealtimeBridge>());
        services.TryAddKeyedSingleton<ITelephonyCommandSink, LoggingPbxCommandSink>(PbxCommandSinkKey);
        services.AddSingleton<ITelephonyCommandSink>(sp => new RealtimeCommandSink(
            sp.GetRequiredKeyedService<ITelephonyCommandSink>(PbxCommandSinkKey), sp.GetRequiredService<RealtimeBridge>()));
        services.AddSingleton<ITelephonyEventSink>(sp => new RealtimeEventSink(
            sp.GetRequiredService<TelephonyEventDispatcher>(), sp.GetRequiredService<AgentDesk>(), sp.GetRequiredService<RealtimeBridge>()));
        return builder;
    }

    public static WebApplication MapCtiHubs(this WebApplication app)
    {
        // Close connections whose cookie or token expired instead of letting them run on.
        app.MapHub<AgentHub>(AgentHubPath, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<SupervisorHub>(SupervisorHubPath, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
