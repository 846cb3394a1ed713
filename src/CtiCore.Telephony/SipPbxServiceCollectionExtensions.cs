using CtiCore.Domain.Ports;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Rtp;
using CtiCore.Telephony.Sip;
using CtiCore.Telephony.SipRecording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony;

public static class SipPbxServiceCollectionExtensions
{
    /// <summary>
    /// The built-in PBX (section Cti:Sip): SIP endpoint + registrar checked against CRM users' digest secrets, the
    /// B2BUA, the event pump to the grains, and the command sink under <paramref name="commandSinkKey"/>.
    /// </summary>
    /// <param name="recordingFolder">Where answered calls are recorded as stereo WAVs for the recording pipeline; null records nothing.</param>
    public static IServiceCollection AddSipPbx(this IServiceCollection services, IConfiguration configuration, string commandSinkKey,
        Func<IServiceProvider, string>? recordingFolder = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SipPbxOptions.SectionName);
        var pbx = section.Get<SipPbxOptions>() ?? new SipPbxOptions();
        var endpointOptions = new SipEndpointOptions();
        section.Bind(endpointOptions);
        if (section.GetSection(nameof(SipEndpointOptions.DigestAlgorithms)).Get<string[]>() is { Length: > 0 } algorithms)
        {
            // The binder appends to the default list; configured algorithms replace it.
            endpointOptions.DigestAlgorithms.Clear();
            foreach (var algorithm in algorithms)
            {
                endpointOptions.DigestAlgorithms.Add(algorithm);
            }
        }
        endpointOptions.Validate();

        services.AddSingleton(pbx);
        services.AddSingleton(sp => new SipCallEvents(pbx, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new SipB2bua(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        if (recordingFolder is not null)
        {
            services.AddSingleton(sp => new SipCallRecorder(sp.GetRequiredService<SipCallEvents>(), recordingFolder(sp),
                sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<SipCallRecorder>>()));
        }
        var relayOptions = new RtpRelayOptions();
        section.GetSection("Rtp").Bind(relayOptions);
        relayOptions.Validate();
        services.AddSingleton(sp => new RtpRelay(relayOptions, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<RtpRelay>>()));
        services.AddSingleton(sp =>
        {
            var b2bua = sp.GetRequiredService<SipB2bua>();
            var endpoint = new SipEndpoint(
                endpointOptions,
                b2bua,
                new SipAccountCredentialSource(sp.GetRequiredService<ISipAccountDirectory>(), endpointOptions.Realm),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<SipEndpoint>>());
            b2bua.Attach(endpoint, sp.GetRequiredService<SipCallEvents>(), pbx.AnchorMedia ? sp.GetRequiredService<RtpRelay>() : null,
                sp.GetService<SipCallRecorder>());
            return endpoint;
        });
        services.AddSingleton<SipPbxCommandSink>();
        services.AddKeyedSingleton<ITelephonyCommandSink>(commandSinkKey, (sp, _) => sp.GetRequiredService<SipPbxCommandSink>());
        services.AddHostedService<SipPbxService>();
        return services;
    }
}
