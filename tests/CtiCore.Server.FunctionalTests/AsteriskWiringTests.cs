using System.Globalization;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// With Cti:Asterisk:Enabled the AMI command sink is the realtime layer's keyed "pbx" sink, so the commands the
/// desktop and the grains send (routing, hang-up, transfer, click-to-call) reach Asterisk after the pop is queued.
/// No Asterisk listens on the configured port: the AMI client only keeps retrying in the background.
/// </summary>
public sealed class AsteriskWiringTests
{
    [Fact]
    public async Task With_Asterisk_enabled_the_pbx_keyed_sink_is_the_Asterisk_command_sink()
    {
        await using var factory = new CtiServerFactory(AsteriskEnabledSettings());
        _ = factory.Server;

        var pbx = factory.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        Assert.IsType<AsteriskCommandSink>(pbx);
        Assert.Same(factory.Services.GetRequiredService<AsteriskCommandSink>(), pbx);

        // What the grains and hubs use wraps the keyed sink (pops first), it is not the AMI sink itself.
        var outer = factory.Services.GetRequiredService<ITelephonyCommandSink>();
        Assert.IsType<RealtimeCommandSink>(outer);
    }

    [Fact]
    public async Task Without_Asterisk_the_pbx_keyed_sink_only_logs()
    {
        await using var factory = new CtiServerFactory();
        _ = factory.Server;

        var pbx = factory.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        Assert.IsType<LoggingPbxCommandSink>(pbx);
        Assert.Null(factory.Services.GetService<AsteriskCommandSink>());
    }

    private static Dictionary<string, string?> AsteriskEnabledSettings() => new()
    {
        ["Cti:Asterisk:Enabled"] = "true",
        ["Cti:Asterisk:AgiPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Cti:Asterisk:Ami:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Cti:Asterisk:Ami:Username"] = "cticore",
        ["Cti:Asterisk:Ami:Secret"] = "not-a-real-secret",
    };
}
