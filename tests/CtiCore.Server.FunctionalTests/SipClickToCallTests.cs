using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CtiCore.Abstractions.Agents;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Media.Wav;
using Orleans;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Transport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// Click-to-call on the built-in PBX inside the real server, driven through the desk's hub and the REST endpoint,
/// with real sipp phones and a sipp trunk: the agent's phone rings first showing the number, then the number is called
/// (through Cti:Sip:Trunk, or a colleague's registered phone), and the call is logged as an outbound Interaction.
/// SIP and sipp ports come from this project's range (42000-44999, <see cref="FreePorts"/>).
/// </summary>
public sealed class SipClickToCallTests : IAsyncLifetime
{
    private const int WrapUpSeconds = 600;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<HubConnection> _hubs = [];
    private CtiServerFactory _factory = null!;
    private IPEndPoint _sip = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        if (!File.Exists(Sipp.Executable))
        {
            Assert.Fail("sipp is not installed (tools/install-deps.sh installs the sip-tester package).");
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Starts the server with the built-in PBX and two agents; <paramref name="trunkPort"/> null leaves Cti:Sip:Trunk empty.</summary>
    private async Task StartAsync(int? trunkPort, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cti:Sip:Enabled"] = "true",
            ["Cti:Sip:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cti:Sip:DigestAlgorithms:0"] = "MD5", // sipp 3.6 answers MD5 challenges only.
            ["Cti:Sip:Trunk"] = trunkPort is { } port ? "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) : string.Empty,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        _factory = new CtiServerFactory(settings);
        var admin = await _factory.AdminAsync();
        _sip = _factory.Services.GetRequiredService<SipEndpoint>().UdpEndPoint ?? throw new InvalidOperationException("the built-in PBX is not listening");
        var department = (await admin.PostOkAsync("/api/departments", new
        {
            name = "Sales",
            numbers = new[] { Digits(Crm.MoscowNumber()) },
            routing = new { ringTimeoutSeconds = 30, wrapUpSeconds = WrapUpSeconds },
        })).Id();
        foreach (var (login, extension) in new[] { ("c2c.anna", "3201"), ("c2c.boris", "3202") })
        {
            await admin.PostOkAsync("/api/users", new { login, displayName = login, password = Crm.AgentPassword, role = "Agent", departmentId = department, extension, endpoints = new[] { "SIP/" + extension } });
        }
    }

    [Fact]
    public async Task The_agent_answers_then_the_number_answers_and_hangs_up_an_answered_outbound_call_with_wrap_up()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var trunk = PhoneAsync(trunkPort, "c2c-destination-answer-bye.xml");
        var hub = await AvailableAsync("c2c.anna");
        var number = Crm.MoscowNumber();

        var callId = await hub.InvokeAsync<string>("ClickToCall", number, Ct);

        await SucceedsAsync(trunk); // rang, answered with the agent's codec on the relay, hung up
        await SucceedsAsync(agentPhone); // rang showing the number, answered, got the BYE
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("c2c.anna"), interaction.AgentId);
        Assert.Equal(Digits(number), interaction.ToNumber);
        Assert.NotNull(interaction.AnsweredAt);
        Assert.NotNull(interaction.RingingAt);
        var agent = await AgentViewAsync("c2c.anna");
        Assert.Equal(AgentStatus.WrapUp, agent.Status);
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
    }

    [Fact]
    public async Task An_agent_phone_registered_over_tcp_is_rung_and_hung_up_over_tcp()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        // The phone's UAS listens on TCP only: the agent leg reaches it over TCP or not at all. The registering sipp's
        // connection is closed by the time of the call, so the B2BUA connects to the contact over TCP.
        var phonePort = FreePorts.Next();
        var agentPhone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("c2c-agent-answer.xml"), "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture)], Ct, transport: "t1");
        var (code, output) = await Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario("agent-register.xml"), "-s", "c2c.anna", "-au", "c2c.anna", "-ap", Crm.AgentPassword,
            "-key", "phone_port", phonePort.ToString(CultureInfo.InvariantCulture)], Ct, transport: "t1");
        Assert.True(code == 0, output);
        var registrar = _factory.Services.GetRequiredService<SipEndpoint>().Registrar;
        Assert.Equal(SipTransportProtocol.Tcp, Assert.Single(registrar.GetBindingsForUser("c2c.anna")).Source?.Protocol);
        var trunk = PhoneAsync(trunkPort, "c2c-destination-answer-bye.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(trunk); // the number (UDP, the trunk) answered and hung up
        await SucceedsAsync(agentPhone); // INVITE, ACK and the BYE all came over TCP
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("c2c.anna"), interaction.AgentId);
    }

    [Fact]
    public async Task The_agent_hangs_up_after_both_answered_and_the_number_gets_the_bye()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer-late-bye.xml");
        var trunk = PhoneAsync(trunkPort, "c2c-destination-answer.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone);
        await SucceedsAsync(trunk); // answered, then got the BYE the agent's hang-up caused
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(AgentStatus.WrapUp, (await AgentViewAsync("c2c.anna")).Status);
    }

    [Fact]
    public async Task The_desk_hangup_ends_an_answered_click_to_call_with_bye_to_both_phones()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var trunk = PhoneAsync(trunkPort, "c2c-destination-answer.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);
        await EventuallyAsync(async () => (await AgentViewAsync("c2c.anna")).Status == AgentStatus.OnCall);
        await hub.InvokeAsync("HangUp", callId, Ct);

        await SucceedsAsync(agentPhone);
        await SucceedsAsync(trunk);
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
    }

    [Fact]
    public async Task The_dialled_side_holding_is_answered_at_the_relay_and_reaches_the_agents_desk()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var trunk = PhoneAsync(trunkPort, "c2c-destination-hold.xml");
        var pops = new List<ScreenPop>();
        var hub = await AvailableAsync("c2c.anna");
        hub.On<ScreenPop>("Pop", pop => { lock (pops) { pops.Add(pop); } });

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(trunk); // its sendonly re-INVITE was answered recvonly, then its BYE taken
        await SucceedsAsync(agentPhone);
        Assert.Equal(CallOutcome.Answered, (await InteractionAsync(callId)).Outcome);
        await EventuallyAsync(() => { lock (pops) { return Task.FromResult(pops.Any(p => p.CallId == callId && p.OnHold)); } });
    }

    [Fact]
    public async Task A_busy_number_486_ends_the_call_as_busy_and_hangs_the_agent_up()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var trunk = PhoneAsync(trunkPort, "phone-busy.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(trunk);
        await SucceedsAsync(agentPhone); // the agent, waiting on the line, got a BYE
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Busy, interaction.Outcome);
        Assert.Null(interaction.AnsweredAt);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
    }

    [Fact]
    public async Task The_agent_hanging_up_while_the_number_rings_cancels_it()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer-bye.xml");
        var trunk = PhoneAsync(trunkPort, "phone-ring-cancel.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone);
        await SucceedsAsync(trunk); // rang, got the CANCEL, answered 487 and took the ACK
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Missed, interaction.Outcome);
        Assert.Null(interaction.AnsweredAt);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
    }

    [Fact]
    public async Task While_the_number_rings_without_early_media_the_agent_hears_the_relays_ringing_tone_in_its_law()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        using var agentMedia = MediaSocket();
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer-listens.xml", "agent_rtp", Port(agentMedia));
        var trunk = PhoneAsync(trunkPort, "phone-ring-cancel.xml"); // 180 without SDP, never answers
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);
        var heard = await ReceiveRtpAsync(agentMedia, packets: 25);

        Assert.False(B2bua.FindOriginated(callId)?.DestinationAnswered ?? true); // still ringing: no 200 OK yet
        Assert.All(heard, p => Assert.Equal(8, p.PayloadType)); // PCMA, the law the agent's phone chose
        Assert.Single(heard.Select(p => p.Ssrc).Distinct());
        // The tone's first second is on: loud, not the silence an unanchored ringing leg would give.
        Assert.True(StereoRecording.Rms(heard.SelectMany(p => p.Linear).ToList()) > 1000, "the agent heard no tone");
        Assert.True(B2bua.TryGetMediaCounters(callId, out var counters));
        Assert.Equal(0, counters.Caller.PacketsReceived); // the dialled side sent nothing: the relay made the tone
        await hub.InvokeAsync("HangUp", callId, Ct);
        await SucceedsAsync(trunk); // cancelled
        await SucceedsAsync(agentPhone); // got the BYE
    }

    [Fact]
    public async Task Early_media_from_the_ringing_number_is_relayed_to_the_agent_before_any_answer()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        using var agentMedia = MediaSocket();
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer-listens.xml", "agent_rtp", Port(agentMedia));
        var trunk = PhoneAsync(trunkPort, "c2c-destination-early-media-cancel.xml"); // 183 with SDP and RTP, never answers
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);
        var heard = await ReceiveRtpAsync(agentMedia, packets: 25);

        Assert.False(B2bua.FindOriginated(callId)?.DestinationAnswered ?? true);
        Assert.All(heard, p => Assert.Equal(8, p.PayloadType));
        // Every packet the agent heard came from the dialled side through the relay, none from a tone.
        await EventuallyAsync(() => Task.FromResult(B2bua.TryGetMediaCounters(callId, out var counters)
            && counters.Caller.PacketsForwarded >= heard.Count));
        await hub.InvokeAsync("HangUp", callId, Ct);
        await SucceedsAsync(trunk);
        await SucceedsAsync(agentPhone);
    }

    [Fact]
    public async Task A_number_that_never_responds_is_given_up_after_the_dial_time_as_failed_and_hangs_the_agent_up()
    {
        using var silent = MediaSocket(); // takes the INVITE and never answers (no ICMP error either)
        await StartAsync(Port(silent), new Dictionary<string, string?>
        {
            ["Cti:Sip:ClickToCallDialSeconds"] = "2",
            // Timer B (64 × T1) lies far beyond this test's patience: only the dial time can end the call in time.
            ["Cti:Sip:Timers:T1"] = "00:00:02",
        });
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone); // answered, waited for the number, got the BYE
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Failed, interaction.Outcome); // unreachable: not a number that rang unanswered
        Assert.Null(interaction.AnsweredAt);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
        Assert.Equal(1, B2bua.WatchedAbandonedLegs);

        // The number's phone answers only now: its 200 finds no transaction, yet is ACKed and the call it opened is
        // ended with a BYE (§9.1, §13.2.2.4), instead of leaving that phone in a call nobody hears.
        var (invite, pbx) = await ReceiveSipAsync(silent, "INVITE ");
        Assert.StartsWith("INVITE sip:", invite, StringComparison.Ordinal);
        await silent.SendToAsync(System.Text.Encoding.ASCII.GetBytes(LateAnswer(invite, Port(silent))), pbx, Ct);
        var (ack, _) = await ReceiveSipAsync(silent, "ACK ");
        var (bye, _) = await ReceiveSipAsync(silent, "BYE ");
        Assert.Equal(SipHeaderValue(invite, "Call-ID"), SipHeaderValue(ack, "Call-ID"));
        Assert.Equal(SipHeaderValue(invite, "CSeq").Split(' ')[0] + " ACK", SipHeaderValue(ack, "CSeq"));
        Assert.Equal(SipHeaderValue(invite, "Call-ID"), SipHeaderValue(bye, "Call-ID"));
        Assert.EndsWith(";tag=late-answer", SipHeaderValue(bye, "To"), StringComparison.Ordinal);
        Assert.StartsWith($"BYE sip:late@127.0.0.1:{Port(silent)} ", bye, StringComparison.Ordinal); // the 200's Contact
    }

    /// <summary>The next SIP message starting with <paramref name="start"/> the socket receives (others, e.g. a retransmitted INVITE, are skipped).</summary>
    private static async Task<(string Text, EndPoint From)> ReceiveSipAsync(Socket socket, string start)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Patience);
        var buffer = new byte[8192];
        while (true)
        {
            var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), bound.Token);
            var text = System.Text.Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            if (text.StartsWith(start, StringComparison.Ordinal))
            {
                return (text, received.RemoteEndPoint);
            }
        }
    }

    private static string SipHeaderValue(string message, string name) =>
        message.Split("\r\n").First(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();

    /// <summary>A 200 to <paramref name="invite"/> from a phone at <paramref name="port"/>, with its own To tag and Contact.</summary>
    private static string LateAnswer(string invite, int port)
    {
        var headers = invite[..invite.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n").Skip(1);
        var copied = headers.Where(line => line.StartsWith("Via:", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Call-ID:", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("CSeq:", StringComparison.OrdinalIgnoreCase));
        return "SIP/2.0 200 OK\r\n" + string.Join("\r\n", copied) + "\r\n"
            + $"To: {SipHeaderValue(invite, "To")};tag=late-answer\r\nContact: <sip:late@127.0.0.1:{port}>\r\nContent-Length: 0\r\n\r\n";
    }

    [Fact]
    public async Task A_number_that_rings_for_the_whole_dial_time_is_cancelled_and_ends_unanswered()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort, new Dictionary<string, string?> { ["Cti:Sip:ClickToCallDialSeconds"] = "2" });
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var trunk = PhoneAsync(trunkPort, "phone-ring-cancel.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(trunk); // rang, got the CANCEL
        await SucceedsAsync(agentPhone);
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Missed, interaction.Outcome); // no answer
        Assert.Null(interaction.AnsweredAt);
    }

    [Fact]
    public async Task The_agents_phone_refer_blind_transfers_the_dialled_party_to_a_colleague()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-refer.xml", "transfer_to", 3202);
        var colleague = await RegisteredPhoneAsync("3202", "phone-answer-hangup.xml"); // answers, then hangs up
        var trunk = PhoneAsync(trunkPort, "c2c-destination-answer.xml"); // answers, waits for the BYE
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone); // 202, NOTIFY 100, NOTIFY 200, then our BYE
        await SucceedsAsync(colleague); // took the number, then hung up
        await SucceedsAsync(trunk); // the colleague's hang-up reached the number: they were talking
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("c2c.boris"), interaction.AgentId); // the colleague finished the call
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
    }

    [Fact]
    public async Task A_refer_to_nobody_registered_is_notified_as_failed_and_the_agent_keeps_the_dialled_party()
    {
        await StartAsync(trunkPort: null); // no trunk: 9999 is nobody at all
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-refer-fails.xml", "transfer_to", 9999);
        var colleague = await RegisteredPhoneAsync("3202", "c2c-destination-answer.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", "3202", Ct);

        await SucceedsAsync(agentPhone); // 202, NOTIFY 100, NOTIFY 404, then hung up itself
        await SucceedsAsync(colleague); // the agent's BYE reached the dialled phone: it was still with the agent
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("c2c.anna"), interaction.AgentId);
    }

    [Fact]
    public async Task An_agent_phone_that_does_not_answer_fails_the_call_releases_the_agent_and_never_dials_the_number()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort, new Dictionary<string, string?> { ["Cti:Sip:ClickToCallAgentRingSeconds"] = "2" });
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "phone-ring-cancel.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone); // rang out: CANCEL, 487, ACK
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Failed, interaction.Outcome);
        Assert.Null(interaction.AnsweredAt);
        var view = await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<CtiCore.Abstractions.Calls.ICallGrain>(callId).GetViewAsync();
        Assert.Equal(CallStage.Ended, view.Stage);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
    }

    [Fact]
    public async Task Click_to_call_to_a_colleagues_extension_rings_their_registered_phone()
    {
        await StartAsync(trunkPort: null);
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "c2c-agent-answer.xml");
        var colleague = await RegisteredPhoneAsync("3202", "c2c-destination-answer-bye.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", "3202", Ct);

        await SucceedsAsync(colleague);
        await SucceedsAsync(agentPhone);
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallDirection.Outbound, interaction.Direction);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal("3202", interaction.ToNumber);
    }

    [Fact]
    public async Task The_rest_endpoint_places_the_call_and_it_is_recorded_in_stereo_like_an_inbound_call()
    {
        var trunkPort = FreePorts.Next();
        await StartAsync(trunkPort, new Dictionary<string, string?>
        {
            ["Recording:Enabled"] = "true",
            ["Recording:LinkInterval"] = "00:00:00.200",
            ["Recording:BitratePerChannel"] = "12000",
        });
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "phone-answer-media.xml");
        var trunk = PhoneAsync(trunkPort, "c2c-destination-media.xml");
        await AvailableAsync("c2c.anna");
        var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.TokenAsync("c2c.anna", Crm.AgentPassword));

        using var response = await api.PostAsJsonAsync("/api/calls/click-to-call", new { number = Crm.MoscowNumber() }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callId = (await response.ReadJsonAsync()).Str("callId");

        await SucceedsAsync(trunk);
        await SucceedsAsync(agentPhone);
        var interaction = await EventuallyAsync(async () =>
        {
            var found = await InteractionAsync(callId);
            return found.RecordingKey is not null && found.RecordingSha256 is not null ? found : null;
        });
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        var (channels, left, right) = StereoRecording.Read(_factory.Services, interaction.RecordingKey!);
        Assert.Equal(2, channels);
        // Both phones played speech through the relay: the dialled side on the caller's channel, the agent on theirs.
        Assert.True(StereoRecording.Rms(left) > 100, $"dialled side RMS {StereoRecording.Rms(left)}");
        Assert.True(StereoRecording.Rms(right) > 100, $"agent channel RMS {StereoRecording.Rms(right)}");
    }

    [Fact]
    public async Task An_unregistered_agent_phone_is_a_clear_error_and_leaves_the_agent_available()
    {
        await StartAsync(FreePorts.Next());
        var hub = await AvailableAsync("c2c.anna");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct));

        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync("c2c.anna");
        // The agent can call as soon as the phone is registered.
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "phone-ring-cancel.xml");
        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);
        await hub.InvokeAsync("HangUp", callId, Ct);
        await SucceedsAsync(agentPhone); // the desk's hang-up cancelled the ringing phone
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Missed, interaction.Outcome);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
    }

    [Fact]
    public async Task A_busy_agent_phone_fails_the_call_and_frees_the_agent()
    {
        await StartAsync(FreePorts.Next());
        var agentPhone = await RegisteredPhoneAsync("c2c.anna", "phone-busy.xml");
        var hub = await AvailableAsync("c2c.anna");

        var callId = await hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct);

        await SucceedsAsync(agentPhone); // 486, ACKed
        var interaction = await InteractionAsync(callId);
        Assert.Equal(CallOutcome.Failed, interaction.Outcome);
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync("c2c.anna")).Status);
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
    }

    [Fact]
    public async Task An_outside_number_without_a_trunk_is_a_clear_error_on_the_hub_and_a_400_on_rest()
    {
        await StartAsync(trunkPort: null);
        await RegisterAsync("c2c.anna", FreePorts.Next()); // a phone that will not be called
        var hub = await AvailableAsync("c2c.anna");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("ClickToCall", Crm.MoscowNumber(), Ct));
        Assert.Contains("Cti:Sip:Trunk", error.Message, StringComparison.Ordinal);
        var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.TokenAsync("c2c.anna", Crm.AgentPassword));
        using var response = await api.PostAsJsonAsync("/api/calls/click-to-call", new { number = Crm.MoscowNumber() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cti:Sip:Trunk", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<string>("ClickToCall", "not a number", Ct));
        Assert.Contains("not a phone number", bad.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync("c2c.anna");
    }

    private SipB2bua B2bua => _factory.Services.GetRequiredService<SipB2bua>();

    /// <summary>After a refusal: the agent is available again, nothing rings, nothing was logged.</summary>
    private async Task AssertNothingLeftAsync(string login)
    {
        Assert.Equal(AgentStatus.Available, (await AgentViewAsync(login)).Status);
        Assert.Equal(0, B2bua.ActiveOriginatedCalls);
        var agentId = await UserIdAsync(login);
        var logged = 0;
        await _factory.WithDbAsync(async db => logged = await db.Interactions.CountAsync(i => i.AgentId == agentId, Ct));
        Assert.Equal(0, logged);
    }

    private static async Task SucceedsAsync(Task<(int ExitCode, string Output)> sipp)
    {
        var (code, output) = await sipp;
        Assert.True(code == 0, output);
    }

    /// <summary>A SIP URI user part: "+7 495 123-45-67" → "+74951234567".</summary>
    private static string Digits(string number) => "+" + string.Concat(number.Where(char.IsAsciiDigit));

    /// <summary>Starts the phone's UAS sipp and registers it as <paramref name="user"/>; <paramref name="key"/> fills a [key] of the scenario.</summary>
    private async Task<Task<(int ExitCode, string Output)>> RegisteredPhoneAsync(string user, string scenario, string? key = null, int value = 0)
    {
        var port = FreePorts.Next();
        var phone = PhoneAsync(port, scenario, key is null ? [] : ["-key", key, value.ToString(CultureInfo.InvariantCulture)]);
        await RegisterAsync(user, port);
        return phone;
    }

    /// <summary>A UDP socket the test listens on as a phone's media address: it hears what the relay sends that phone.</summary>
    private static Socket MediaSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, FreePorts.Next()));
        return socket;
    }

    private static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>The first <paramref name="packets"/> valid RTP packets the socket receives, their PCMA payload decoded.</summary>
    private static async Task<List<HeardPacket>> ReceiveRtpAsync(Socket socket, int packets)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Patience);
        var heard = new List<HeardPacket>();
        var buffer = new byte[2048];
        while (heard.Count < packets)
        {
            var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), bound.Token);
            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            if (!RtpHeader.TryRead(datagram, out var header))
            {
                continue;
            }
            var linear = new short[header.PayloadLength];
            G711.ALawToLinear(datagram.Slice(header.HeaderLength, header.PayloadLength), linear);
            heard.Add(new HeardPacket(header.PayloadType, header.Ssrc, linear));
        }
        return heard;
    }

    private sealed record HeardPacket(int PayloadType, uint Ssrc, short[] Linear);

    private async Task RegisterAsync(string user, int phonePort)
    {
        var (code, output) = await Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario("agent-register.xml"), "-s", user, "-au", user, "-ap", Crm.AgentPassword,
            "-key", "phone_port", phonePort.ToString(CultureInfo.InvariantCulture)], Ct);
        Assert.True(code == 0, output);
    }

    private static Task<(int ExitCode, string Output)> PhoneAsync(int port, string scenario, IEnumerable<string>? extra = null) =>
        Sipp.StartAsync(null, port, ["-sf", Sipp.Scenario(scenario), "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture), .. extra ?? []], Ct);

    private async Task<HubConnection> AvailableAsync(string login)
    {
        var token = await _factory.TokenAsync(login, Crm.AgentPassword);
        var hub = _factory.Hub("/hubs/agent", token);
        _hubs.Add(hub);
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("SetAvailable", Ct);
        return hub;
    }

    private async Task<AgentView> AgentViewAsync(string login) =>
        await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAgentGrain>(await UserIdAsync(login)).GetViewAsync();

    private async Task<long> UserIdAsync(string login)
    {
        long id = 0;
        await _factory.WithDbAsync(async db => id = await db.Users.Where(u => u.Login == login).Select(u => u.Id).SingleAsync(Ct));
        return id;
    }

    /// <summary>The call grain logs the call once it ended; poll for it (the journal write follows the last SIP message).</summary>
    private Task<Interaction> InteractionAsync(string callId) => EventuallyAsync(async () =>
    {
        Interaction? found = null;
        await _factory.WithDbAsync(async db => found = await db.Interactions.AsNoTracking().SingleOrDefaultAsync(i => i.CallKey == callId && i.EndedAt != null, Ct));
        return found;
    });

    private static async Task EventuallyAsync(Func<Task<bool>> probe) =>
        await EventuallyAsync(async () => await probe() ? "yes" : null);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "the expected state never came");
            await Task.Delay(200, Ct);
        }
    }
}
