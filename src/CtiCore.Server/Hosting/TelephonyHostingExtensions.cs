using CtiCore.Telephony;
using CtiCore.Telephony.Asterisk;
using Microsoft.AspNetCore.Http;

namespace CtiCore.Server.Hosting;

/// <summary>Cti:Asterisk:Enabled (off by default, so the embedded run needs no PBX) adds the Asterisk adapter and FastAGI.</summary>
internal static class TelephonyHostingExtensions
{
    public static WebApplicationBuilder AddCtiTelephony(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AsteriskTelephonyOptions.SectionName).Get<AsteriskTelephonyOptions>() ?? new AsteriskTelephonyOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        // Keyed, so the realtime layer's wrapper (screen pops on RouteToEndpoint) still sees every command first.
        builder.Services.AddAsteriskTelephony(Realtime.RealtimeHostingExtensions.PbxCommandSinkKey);
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // An endpoint added in code makes Kestrel ignore --urls, so the HTTP addresses are listened to here too
            // unless Kestrel:Endpoints (which Kestrel still merges) configures them.
            if (!configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            {
                var urls = configuration["urls"] is { Length: > 0 } configured ? configured : ListenAddress.Default;
                foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var address = BindingAddress.Parse(url);
                    if (address.Scheme != "http")
                    {
                        throw new InvalidOperationException("With Cti:Asterisk:Enabled, configure HTTPS through Kestrel:Endpoints.");
                    }

                    if (System.Net.IPAddress.TryParse(address.Host, out var ip))
                    {
                        kestrel.Listen(ip, address.Port);
                    }
                    else if (address.Host == "localhost")
                    {
                        kestrel.ListenLocalhost(address.Port);
                    }
                    else
                    {
                        kestrel.ListenAnyIP(address.Port);
                    }
                }
            }

            kestrel.ListenFastAgi(options);
        });
        return builder;
    }
}
