using System.Net;
using CtiCore.Asterisk.Ami;
using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Agi;
using CtiCore.Telephony.Asterisk;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CtiCore.Telephony;

public static class AsteriskTelephonyServiceCollectionExtensions
{
    /// <summary>
    /// The Asterisk adapter: AMI client (section Cti:Asterisk:Ami), translator, the hosted event pump, the AMI command
    /// sink and the FastAGI session. Kestrel must still listen for FastAGI: <see cref="ListenFastAgi"/>.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="commandSinkKey">When set, the AMI command sink is registered as the keyed
    /// <see cref="ITelephonyCommandSink"/> under this key, for a host that wraps the PBX sink (the server's realtime
    /// layer); when null it replaces the grains' unconnected unkeyed sink directly.</param>
    public static IServiceCollection AddAsteriskTelephony(this IServiceCollection services, string? commandSinkKey = null)
    {
        services.AddOptions<AsteriskTelephonyOptions>()
            .BindConfiguration(AsteriskTelephonyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAmiClient(AsteriskTelephonyOptions.SectionName + ":Ami");
        services.AddSingleton(sp => new AmiCallTranslator(
            sp.GetRequiredService<IOptions<AsteriskTelephonyOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<AgiRouteWaiters>();
        services.AddSingleton<IAgiRouteResolver, GrainAgiRouteResolver>();
        services.AddSingleton(sp => new AgiSession(
            sp.GetRequiredService<IAgiRouteResolver>(),
            sp.GetRequiredService<IOptions<AsteriskTelephonyOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AgiSession>>()));
        services.AddSingleton<AsteriskCommandSink>();
        // Added, not TryAdded: the last registration wins over the default one (the grains' unconnected sink, or
        // the host's logging sink under the key).
        if (commandSinkKey is null)
        {
            services.AddSingleton<ITelephonyCommandSink>(sp => sp.GetRequiredService<AsteriskCommandSink>());
        }
        else
        {
            services.AddKeyedSingleton<ITelephonyCommandSink>(commandSinkKey, (sp, _) => sp.GetRequiredService<AsteriskCommandSink>());
        }

        services.AddHostedService<AsteriskTelephonyService>();
        return services;
    }

    /// <summary>Listens for FastAGI on the configured address and port (loopback, 4573 by default).</summary>
    public static KestrelServerOptions ListenFastAgi(this KestrelServerOptions kestrel, AsteriskTelephonyOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.AgiListenAddress, out var address))
        {
            throw new OptionsValidationException(AsteriskTelephonyOptions.SectionName, typeof(AsteriskTelephonyOptions),
                [$"Cti:Asterisk:AgiListenAddress '{options.AgiListenAddress}' is not an IP address"]);
        }

        kestrel.Listen(address, options.AgiPort, listen => listen.UseConnectionHandler<AgiConnectionHandler>());
        return kestrel;
    }
}
