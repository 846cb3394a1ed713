using CtiCore.Domain.Crm;
using CtiCore.Server.Auth;
using CtiCore.Server.Realtime;
using CtiCore.Sip.Endpoint;
using CtiCore.Telephony;
using CtiCore.Telephony.Asterisk;
using CtiCore.Telephony.Sip;
using Microsoft.AspNetCore.Identity;

namespace CtiCore.Server.Hosting;

/// <summary>
/// The built-in PBX (section Cti:Sip), on by default unless Cti:Asterisk:Enabled chose Asterisk: softphones register
/// with their CRM credentials and inbound calls are routed by the grains. Call after AddCtiRealtime and
/// AddCtiAuthentication: its command sink and password hasher replace theirs.
/// </summary>
internal static class SipPbxHostingExtensions
{
    public static WebApplicationBuilder AddCtiSipPbx(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var realm = configuration[$"{SipPbxOptions.SectionName}:{nameof(SipEndpointOptions.Realm)}"] is { Length: > 0 } configured ? configured : new SipEndpointOptions().Realm;
        builder.Services.AddSingleton<IPasswordHasher<User>>(new SipSecretsPasswordHasher(new PasswordHasher<User>(), realm));

        var asterisk = configuration.GetValue<bool>($"{AsteriskTelephonyOptions.SectionName}:{nameof(AsteriskTelephonyOptions.Enabled)}");
        var enabled = configuration.GetValue<bool?>($"{SipPbxOptions.SectionName}:{nameof(SipPbxOptions.Enabled)}") ?? !asterisk;
        if (enabled)
        {
            // With Recording:Enabled every answered call is recorded into the same pipeline as Asterisk's MixMonitor files.
            var record = configuration.GetValue<bool>("Recording:Enabled");
            builder.Services.AddSipPbx(configuration, RealtimeHostingExtensions.PbxCommandSinkKey,
                record ? sp => Path.Combine(sp.GetRequiredService<CtiCore.Media.Recording.RecordingStorageLayout>().Root, ".sip-capture") : null);
        }
        return builder;
    }
}
