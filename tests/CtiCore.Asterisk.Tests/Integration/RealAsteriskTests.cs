using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Asterisk.Protocol.Events;
using CtiCore.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace CtiCore.Asterisk.Tests.Integration;

/// <summary>The AMI client against the real Asterisk 22 of the sandbox, configured from dialplans/ + its test overlay.</summary>
[Collection(RealAsteriskGroup.Name)]
public sealed class RealAsteriskTests(AsteriskSandboxFixture sandbox)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AmiLoginMode.Plain)]
    [InlineData(AmiLoginMode.Md5Challenge)]
    public async Task Logs_in_and_pings(AmiLoginMode mode)
    {
        await using var client = Client(mode);

        await client.StartAsync(Ct);
        var pong = await client.PingAsync(Ct);

        Assert.StartsWith("Asterisk Call Manager/", client.Banner, StringComparison.Ordinal);
        Assert.True(pong.IsSuccess);
        Assert.Equal("Pong", pong["Ping"]);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var logs = TestClients.Logs();
        await using var client = Client(AmiLoginMode.Md5Challenge, secret: "not-the-secret", logs: logs);

        var error = await Assert.ThrowsAsync<AmiException>(() => client.StartAsync(Ct));

        Assert.Equal(AmiErrorReason.LoginFailed, error.Reason);
        Assert.DoesNotContain("not-the-secret", TestClients.AllText(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoreShowChannels_and_DeviceStateList_complete_as_lists()
    {
        await using var client = Client(AmiLoginMode.Md5Challenge);
        await client.StartAsync(Ct);

        var channels = await client.SendListAsync(new CoreShowChannelsAction(), Ct);
        var devices = await client.SendListAsync(new DeviceStateListAction(), Ct);

        Assert.True(channels.Response.IsSuccess);
        Assert.Equal("CoreShowChannelsComplete", channels.Complete?.EventName);
        Assert.Equal(channels.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), channels.Complete!["ListItems"]);
        Assert.Equal("DeviceStateListComplete", devices.Complete?.EventName);
        Assert.All(devices.Items, d => Assert.True(DeviceStateChangeEvent.Is(d)));
    }

    [Fact]
    public async Task Command_returns_the_cli_output()
    {
        await using var client = Client(AmiLoginMode.Md5Challenge, AsteriskSandboxFixture.AdminUsername, AsteriskSandboxFixture.AdminSecret);
        await client.StartAsync(Ct);

        var output = await client.CommandAsync("core show version", Ct);

        Assert.Contains(output, line => line.StartsWith("Asterisk 22.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_least_privilege_user_may_not_run_cli_commands()
    {
        await using var client = Client(AmiLoginMode.Md5Challenge);
        await client.StartAsync(Ct);

        var response = await client.SendAsync(new CommandAction { Command = "core show version" }, Ct);

        Assert.False(response.IsSuccess);
        Assert.Contains("Permission denied", response["Message"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Originate_to_a_local_channel_yields_its_OriginateResponse_and_call_events()
    {
        await using var client = Client(AmiLoginMode.Md5Challenge);
        await client.StartAsync(Ct);

        var answer = await client.OriginateAsync(new OriginateAction
        {
            Channel = "Local/answer@cticore-test",
            Application = "Wait",
            Data = "1",
            Timeout = "10000",
            Variables = new Dictionary<string, string> { ["CTICORE_INTERACTION"] = "it-1" },
        }, Ct);

        Assert.Equal("Success", answer.Response);
        Assert.StartsWith("Local/answer@cticore-test-", answer.Channel, StringComparison.Ordinal);
        var seen = new List<AmiPacket>();
        while (!seen.Any(p => HangupEvent.TryFrom(p, out var h) && h.Channel == answer.Channel))
        {
            seen.Add(await client.Events.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct));
        }

        Assert.Contains(seen, p => NewchannelEvent.TryFrom(p, out var n) && n.Channel == answer.Channel);
        Assert.Contains(seen, OriginateResponseEvent.Is);
        // manager.conf filters these out for the CtiCore user.
        Assert.DoesNotContain(seen, p => p.EventName is "VarSet" or "Newexten" or "TestEvent");
    }

    [Fact]
    public async Task A_refused_originate_reports_failure()
    {
        await using var client = Client(AmiLoginMode.Md5Challenge);
        await client.StartAsync(Ct);

        var answer = await client.OriginateAsync(new OriginateAction
        {
            Channel = "Local/busy@cticore-test",
            Application = "Wait",
            Data = "1",
            Timeout = "5000",
        }, Ct);

        Assert.Equal("Failure", answer.Response);
    }

    [Fact]
    public async Task A_cut_connection_reconnects_and_the_resync_finds_the_call_in_progress()
    {
        await using var relay = new TcpRelay(sandbox.AmiPort);
        var options = Options(AmiLoginMode.Md5Challenge);
        options.Port = relay.Port;
        await using var client = TestClients.Create(options, TimeProvider.System, TestClients.Logs());
        var reconnected = new TaskCompletionSource<AmiResyncSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ResyncHandler = (snapshot, _) =>
        {
            if (snapshot.Reason == AmiResyncReason.Reconnected)
            {
                reconnected.TrySetResult(snapshot);
            }

            return ValueTask.CompletedTask;
        };
        await client.StartAsync(Ct);
        var call = await client.OriginateAsync(new OriginateAction
        {
            Channel = "Local/hold@cticore-test",
            Application = "Wait",
            Data = "60",
            Timeout = "10000",
        }, Ct);
        Assert.Equal("Success", call.Response);

        relay.CutAll();
        var snapshot = await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(2, relay.Accepted);
        Assert.Equal(2, client.Logins);
        Assert.Contains(snapshot.Channels, c => c["Channel"] == call.Channel);
        var hangup = await client.SendAsync(new HangupAction { Channel = call.Channel! }, Ct);
        Assert.True(hangup.IsSuccess);
    }

    private AmiClient Client(AmiLoginMode mode, string username = AsteriskSandboxFixture.Username, string secret = AsteriskSandboxFixture.Secret, FakeLogCollector? logs = null)
    {
        var options = Options(mode, username, secret);
        return TestClients.Create(options, TimeProvider.System, logs ?? TestClients.Logs());
    }

    private AmiOptions Options(AmiLoginMode mode, string username = AsteriskSandboxFixture.Username, string secret = AsteriskSandboxFixture.Secret)
    {
        Assert.SkipWhen(sandbox.SkipReason is not null, sandbox.SkipReason ?? string.Empty);
        return new AmiOptions
        {
            Host = "127.0.0.1",
            Port = sandbox.AmiPort,
            Username = username,
            Secret = secret,
            LoginMode = mode,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        };
    }
}
