using CtiCore.Abstractions.Telephony;
using CtiCore.Media;
using CtiCore.Media.Recording;
using CtiCore.Server.Hosting;

namespace CtiCore.Server.Recording;

/// <summary>
/// Recording:Enabled (off by default) wires the Media pipeline into the server: PBX recording events → durable
/// sessions → the encoder's durable job queue → the Interaction. Call after AddCtiRealtime and AddCtiTelephony: it
/// wraps the event sink they registered.
/// </summary>
internal static class RecordingHostingExtensions
{
    public const string DefaultFolder = "recordings";

    public static WebApplicationBuilder AddCtiRecording(this WebApplicationBuilder builder, DataFolder dataFolder)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        var configured = builder.Configuration.GetSection(RecordingHostOptions.SectionName).Get<RecordingHostOptions>() ?? new RecordingHostOptions();
        if (!configured.Enabled)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<RecordingHostOptions>().BindConfiguration(RecordingHostOptions.SectionName)
            .Validate(o => o.StopGrace >= TimeSpan.Zero && o.LinkInterval > TimeSpan.Zero && o.RetentionSweepInterval > TimeSpan.Zero,
                "Recording:StopGrace must not be negative; LinkInterval and RetentionSweepInterval must be positive.")
            .Validate(o => o.PathMap.All(m => m.Key.StartsWith('/') && Path.IsPathFullyQualified(m.Value)),
                "Recording:PathMap maps absolute PBX prefixes to absolute local paths.")
            .ValidateOnStart();

        // A relative root (or none) lives under the data folder, beside the SQLite file and the logs.
        services.PostConfigure<RecordingOptions>(o => o.Root = Path.GetFullPath(
            string.IsNullOrWhiteSpace(o.Root) ? DefaultFolder : o.Root, dataFolder.FullPath));
        services.AddCtiCoreRecording();
        services.AddSingleton<RecordingSessionStore>();
        services.AddSingleton<RecordingLinker>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingLinker>());
        services.AddSingleton<RecordingSessionTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingSessionTracker>());
        services.AddSingleton<RecordingEraser>();
        services.AddSingleton<RecordingRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetentionService>());

        // Decorate whichever sink the adapters would get (the realtime one, or the grains' dispatcher).
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ITelephonyEventSink) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddCtiRecording needs an ITelephonyEventSink: call it after AddCtiRealtime.");
        services.Remove(inner);
        services.AddSingleton<ITelephonyEventSink>(sp => new RecordingEventSink(
            Resolve(sp, inner), sp.GetRequiredService<RecordingSessionTracker>(), sp.GetRequiredService<ILogger<RecordingEventSink>>()));
        return builder;
    }

    private static ITelephonyEventSink Resolve(IServiceProvider sp, ServiceDescriptor descriptor) => (ITelephonyEventSink)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
