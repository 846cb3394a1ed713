using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CtiCore.Abstractions.Agents;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Transport;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// The built-in PBX inside the real server, driven by the real sipp: agents' phones register with their CRM
/// credentials, a trunk's call is routed by the grains to a registered phone and bridged, and the call is logged.
/// SIP and sipp ports come from this project's range (42000-44999, <see cref="FreePorts"/>).
/// </summary>
public sealed partial class SipPbxTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<HubConnection> _hubs = [];
    private CtiServerFactory _factory = null!;
    private HttpClient _admin = null!;
    private IPEndPoint _sip = null!;
    private string _dialled = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        if (!File.Exists(Sipp.Executable))
        {
            Assert.Fail("sipp is not installed (tools/install-deps.sh installs the sip-tester package).");
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts the server with the built-in PBX; tests that need more (recording, a short media timeout) add settings.</summary>
    private async Task StartAsync(int ringTimeoutSeconds = 5, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cti:Sip:Enabled"] = "true",
            ["Cti:Sip:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cti:Sip:DigestAlgorithms:0"] = "MD5", // sipp 3.6 answers MD5 challenges only.
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        _factory = new CtiServerFactory(settings);
        _admin = await _factory.AdminAsync();
        _sip = _factory.Services.GetRequiredService<SipEndpoint>().UdpEndPoint ?? throw new InvalidOperationException("the built-in PBX is not listening");
        _dialled = Digits(Crm.MoscowNumber());
        var department = (await _admin.PostOkAsync("/api/departments", new { name = "Sales", numbers = new[] { _dialled }, routing = new { ringTimeoutSeconds } })).Id();
        foreach (var (login, extension) in new[] { ("sip.anna", "3101"), ("sip.boris", "3102") })
        {
            await _admin.PostOkAsync("/api/users", new { login, displayName = login, password = Crm.AgentPassword, role = "Agent", departmentId = department, extension, endpoints = new[] { "SIP/" + extension } });
        }
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

    [Fact]
    public async Task Register_without_credentials_is_challenged_then_accepted_with_the_crm_password()
    {
        await StartAsync();
        var (code, output) = await RegisterAsync("sip.anna", Crm.AgentPassword, FreePorts.Next(), "agent-register.xml");
        Assert.True(code == 0, output);
        Assert.Single(Registrar.GetBindingsForUser("sip.anna"));
    }

    [Fact]
    public async Task Register_by_extension_with_the_crm_password_is_accepted()
    {
        await StartAsync();
        var (code, output) = await RegisterAsync("3102", Crm.AgentPassword, FreePorts.Next(), "agent-register.xml");
        Assert.True(code == 0, output);
        Assert.Single(Registrar.GetBindingsForUser("3102"));
    }

    [Fact]
    public async Task Register_with_a_wrong_password_is_refused_with_403()
    {
        await StartAsync();
        var (code, output) = await RegisterAsync("sip.anna", "not-the-password", FreePorts.Next(), "agent-register-refused.xml");
        Assert.True(code == 0, output);
        Assert.Empty(Registrar.GetBindingsForUser("sip.anna"));
    }

    [Fact]
    public async Task Trunk_call_is_routed_to_the_registered_agent_answered_hung_up_and_logged()
    {
        await StartAsync();
        var phonePort = FreePorts.Next();
        var phone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("phone-answer.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-call.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.anna"), interaction.AgentId);
        Assert.NotNull(interaction.AnsweredAt);
    }

    [Fact]
    public async Task A_phone_registered_over_tcp_is_rung_answered_and_hung_up_over_tcp()
    {
        await StartAsync();
        // The phone's UAS listens on TCP only: the leg reaches it over TCP or not at all. Its registration came over
        // TCP from another sipp whose connection is closed by the time the call comes, so the B2BUA connects to the contact.
        var phonePort = FreePorts.Next();
        var phone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("phone-answer.xml"), "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture)], Ct, transport: "t1");
        var registered = await Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario("agent-register.xml"), "-s", "sip.anna", "-au", "sip.anna", "-ap", Crm.AgentPassword, "-key", "phone_port", phonePort.ToString(CultureInfo.InvariantCulture)], Ct, transport: "t1");
        Assert.True(registered.ExitCode == 0, registered.Output);
        Assert.Equal(SipTransportProtocol.Tcp, Assert.Single(Registrar.GetBindingsForUser("sip.anna")).Source?.Protocol);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-call.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput); // INVITE, ACK and BYE all came over TCP

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.anna"), interaction.AgentId);
    }

    [Fact]
    public async Task A_tcp_phone_that_refuses_the_connect_is_unreachable_at_once_and_the_call_moves_to_the_next_agent()
    {
        // The ring timeout outlasts sipp's own timeout: only the refused connect reported at once (as a 503) lets the
        // call through; waiting for the ring timeout or Timer B would fail it.
        await StartAsync(ringTimeoutSeconds: 300);
        // Anna registered over TCP from a sipp that has gone; her contact's port is bound but never listens, so the
        // B2BUA's connect to it is refused.
        using var deadPhone = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        deadPhone.Bind(new IPEndPoint(IPAddress.Loopback, FreePorts.Next()));
        var deadPort = ((IPEndPoint)deadPhone.LocalEndPoint!).Port;
        var registered = await Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario("agent-register.xml"), "-s", "sip.anna", "-au", "sip.anna", "-ap", Crm.AgentPassword, "-key", "phone_port", deadPort.ToString(CultureInfo.InvariantCulture)], Ct, transport: "t1");
        Assert.True(registered.ExitCode == 0, registered.Output);
        Assert.Equal(SipTransportProtocol.Tcp, Assert.Single(Registrar.GetBindingsForUser("sip.anna")).Source?.Protocol);
        await AvailableAsync("sip.anna");
        var answer = await BorisAnswersNextAsync();

        await CallEndsWithBorisAsync(annasPhone: null, answer);

        // A phone that cannot be reached is a device problem: paused as unreachable, and no missed call for Anna.
        var anna = await AgentAsync("sip.anna");
        Assert.Equal(AgentStatus.Paused, anna.Status);
        Assert.Equal("Phone unreachable", anna.PauseReason);
        Assert.Equal(0, anna.MissedCallsToday);
    }

    [Fact]
    public async Task Caller_cancelling_while_the_agent_rings_is_an_abandoned_call()
    {
        await StartAsync();
        var phonePort = FreePorts.Next();
        var phone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("phone-ring-cancel.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-cancel.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Abandoned, interaction.Outcome);
        Assert.Null(interaction.AnsweredAt);
    }

    [Fact]
    public async Task A_busy_agent_486_moves_the_call_to_the_next_agent()
    {
        // The ring timeout outlasts sipp's own 40 s timeout: only the immediate move-on on 486 lets the call through.
        await StartAsync(ringTimeoutSeconds: 300);
        // Anna is made available first, so she has waited longest and is rung first; her phone is busy.
        var busyPort = FreePorts.Next();
        var busy = Sipp.StartAsync(null, busyPort, ["-sf", Sipp.Scenario("phone-busy.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, busyPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        var answer = await BorisAnswersNextAsync(sipUser: "3102"); // his extension: any of his SIP names is his phone

        await CallEndsWithBorisAsync(busy, answer);

        // Busy with something else is no missed call: Anna stays available (the router only cools her down).
        var anna = await AgentAsync("sip.anna");
        Assert.Equal(AgentStatus.Available, anna.Status);
        Assert.Null(anna.PauseReason);
        Assert.Equal(0, anna.MissedCallsToday);
    }

    [Theory]
    [InlineData(480, "Phone unreachable", 0)]
    [InlineData(603, "Declined call", 1)]
    public async Task An_agent_phone_refusing_moves_the_call_to_the_next_agent_at_once(int status, string pauseReason, int missed)
    {
        // As for 486: the ring timeout outlasts sipp's own timeout, so waiting it out would fail the call.
        await StartAsync(ringTimeoutSeconds: 300);
        var refusing = FreePorts.Next();
        var refuse = PhoneAsync(refusing, $"phone-reject-{status.ToString(CultureInfo.InvariantCulture)}.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, refusing, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        var answer = await BorisAnswersNextAsync();

        await CallEndsWithBorisAsync(refuse, answer);

        // The department's reason for what the phone said, so a supervisor sees why Anna is paused.
        var anna = await AgentAsync("sip.anna");
        Assert.Equal(AgentStatus.Paused, anna.Status);
        Assert.Equal(pauseReason, anna.PauseReason);
        Assert.Equal(missed, anna.MissedCallsToday); // declined was offered and not taken; unreachable never rang
    }

    [Fact]
    public async Task A_phone_that_rings_out_is_cancelled_and_the_call_moves_to_the_next_agent()
    {
        // Two ring timers could move the call on: the grain's (the department's ring timeout) and the B2BUA's per-leg
        // timer. The grain's is 300 s, past sipp's own 40 s timeout, so only the B2BUA's (capped at 8 s here) firing,
        // cancelling Anna's phone and reporting it rung out, lets Boris answer. (8 s: her 180 must have arrived by then
        // on a loaded machine, or the leg would count as unreachable rather than rung out.)
        await StartAsync(ringTimeoutSeconds: 300, extra: new Dictionary<string, string?> { ["Cti:Sip:MaxAgentRingSeconds"] = "8" });
        var ringing = FreePorts.Next();
        var ringOut = PhoneAsync(ringing, "phone-ring-cancel.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, ringing, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        var answer = await BorisAnswersNextAsync();

        await CallEndsWithBorisAsync(ringOut, answer); // Anna's phone got the CANCEL, answered 487 and took the ACK
        var anna = await AgentAsync("sip.anna");
        Assert.Equal(AgentStatus.Paused, anna.Status);
        Assert.Equal("Missed call", anna.PauseReason);
    }

    [Fact]
    public async Task An_answered_call_is_recorded_in_stereo_with_its_pci_pause_and_linked_to_its_interaction()
    {
        await StartAsync(extra: new Dictionary<string, string?>
        {
            ["Recording:Enabled"] = "true",
            ["Recording:LinkInterval"] = "00:00:00.200",
            ["Recording:BitratePerChannel"] = "12000",
        });
        var pops = new List<ScreenPop>();
        var phonePort = FreePorts.Next();
        var phone = PhoneAsync(phonePort, "phone-answer-media.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna", pop => { lock (pops) { pops.Add(pop); } });

        var caller = Digits(Crm.MoscowNumber());
        var call = CallAsync("trunk-media.xml", caller);
        // PCI: the agent pauses and resumes the recording through the REST API while the caller talks.
        var callKey = await EventuallyAsync(() => { lock (pops) { return pops.FirstOrDefault(p => p.Stage == "talking")?.CallId; } });
        var agent = _factory.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.TokenAsync("sip.anna", Crm.AgentPassword));
        using (var paused = await agent.PostAsync($"/api/calls/{callKey}/recording/pause", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, paused.StatusCode);
        }
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        using (var resumed = await agent.PostAsync($"/api/calls/{callKey}/recording/resume", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        }
        var (code, output) = await call;
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);

        var interaction = await LinkedRecordingAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        var (channels, left, right) = StereoRecording.Read(_factory.Services, interaction.RecordingKey!);
        Assert.Equal(2, channels);
        // Both sides played speech through the relay: the caller's channel and the agent's carry audio, not silence.
        Assert.True(StereoRecording.Rms(left) > 100, $"caller channel RMS {StereoRecording.Rms(left)}");
        Assert.True(StereoRecording.Rms(right) > 100, $"agent channel RMS {StereoRecording.Rms(right)}");
        Assert.True(interaction.RecordingDurationMs > 0);
        Assert.False(string.IsNullOrEmpty(interaction.RecordingPauses), "the PCI pause was not carried into the recording");
    }

    [Fact]
    public async Task A_phone_refer_blind_transfers_the_caller_to_another_agent()
    {
        await StartAsync();
        var transferorPort = FreePorts.Next();
        var transferor = PhoneAsync(transferorPort, "phone-refer.xml", "-key", "transfer_to", "3102");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, transferorPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        var targetPort = FreePorts.Next();
        var target = PhoneAsync(targetPort, "phone-answer-hangup.xml");
        Assert.Equal(0, (await RegisterAsync("3102", Crm.AgentPassword, targetPort, "agent-register.xml")).ExitCode);

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-wait-bye.xml", caller);
        Assert.True(code == 0, output); // the target's BYE reached the caller: the caller was bridged to the target
        var (transferorCode, transferorOutput) = await transferor;
        Assert.True(transferorCode == 0, transferorOutput); // 202, NOTIFY 100, NOTIFY 200, then our BYE
        var (targetCode, targetOutput) = await target;
        Assert.True(targetCode == 0, targetOutput);

        // The target's phone took the call, so its agent finished it; the hand-over from Anna is journaled.
        var interaction = await InteractionAsync(caller);
        Assert.Equal(await UserIdAsync("sip.boris"), interaction.AgentId);
        Assert.Contains("3102", interaction.Notes ?? string.Empty, StringComparison.Ordinal);
        var handedOver = Assert.Single(await TransfersAsync(interaction.CallKey));
        Assert.Equal(await UserIdAsync("sip.anna"), handedOver.FromAgentId);
        Assert.Equal(await UserIdAsync("sip.boris"), handedOver.ToAgentId);
    }

    [Fact]
    public async Task A_refer_to_nobody_registered_is_notified_as_failed_and_the_agent_keeps_the_caller()
    {
        await StartAsync();
        var transferorPort = FreePorts.Next();
        var transferor = PhoneAsync(transferorPort, "phone-refer-fails.xml", "-key", "transfer_to", "9999");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, transferorPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-wait-bye.xml", caller);
        Assert.True(code == 0, output); // the agent hung up after the failed transfer: the caller was still with them
        var (transferorCode, transferorOutput) = await transferor;
        Assert.True(transferorCode == 0, transferorOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Null(interaction.Notes);
    }

    [Fact]
    public async Task Bad_refers_get_clear_errors_and_leave_the_call_as_it_was()
    {
        await StartAsync();
        var phonePort = FreePorts.Next();
        var phone = PhoneAsync(phonePort, "phone-refer-bad.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-wait-bye.xml", caller);
        Assert.True(code == 0, output); // the agent's own BYE reached the caller: the bridge survived every bad REFER
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput); // 400 without Refer-To, 501 for Replaces, 400 for two Refer-To

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Null(interaction.Notes);
    }

    [Fact]
    public async Task The_desk_transfer_command_moves_an_answered_call_to_another_agent()
    {
        await StartAsync();
        var pops = new List<ScreenPop>();
        var firstPort = FreePorts.Next();
        var first = PhoneAsync(firstPort, "phone-answer.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, firstPort, "agent-register.xml")).ExitCode);
        var hub = await AvailableAsync("sip.anna", pop => { lock (pops) { pops.Add(pop); } });
        var targetPort = FreePorts.Next();
        var target = PhoneAsync(targetPort, "phone-answer-hangup.xml");
        Assert.Equal(0, (await RegisterAsync("3102", Crm.AgentPassword, targetPort, "agent-register.xml")).ExitCode);

        var caller = Digits(Crm.MoscowNumber());
        var call = CallAsync("trunk-wait-bye.xml", caller);
        var callId = await EventuallyAsync(() => { lock (pops) { return pops.FirstOrDefault(p => p.Stage == "talking")?.CallId; } });
        await hub.InvokeAsync("Transfer", callId, "3102", Ct);

        var (code, output) = await call;
        Assert.True(code == 0, output);
        var (firstCode, firstOutput) = await first;
        Assert.True(firstCode == 0, firstOutput); // got its BYE once the target answered
        var (targetCode, targetOutput) = await target;
        Assert.True(targetCode == 0, targetOutput);
        var interaction = await InteractionAsync(caller);
        Assert.Contains("3102", interaction.Notes ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reinvite_hold_reaches_the_agent_desk_and_suspends_the_media_timeout()
    {
        // No RTP flows in this call: without the hold, the 2 s media timeout would end it before the caller's BYE.
        await StartAsync(extra: new Dictionary<string, string?> { ["Cti:Sip:Rtp:MediaTimeout"] = "00:00:02" });
        var pops = new List<ScreenPop>();
        var phonePort = FreePorts.Next();
        var phone = PhoneAsync(phonePort, "phone-answer.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna", pop => { lock (pops) { pops.Add(pop); } });

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-hold.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);
        await EventuallyAsync(() => { lock (pops) { return pops.Any(p => p.OnHold) ? "held" : null; } });
        Assert.Equal(CallOutcome.Answered, (await InteractionAsync(caller)).Outcome);
    }

    [Fact]
    public async Task Dead_media_ends_the_answered_call_with_bye_on_both_legs()
    {
        await StartAsync(extra: new Dictionary<string, string?> { ["Cti:Sip:Rtp:MediaTimeout"] = "00:00:02" });
        var phonePort = FreePorts.Next();
        var phone = PhoneAsync(phonePort, "phone-answer.xml");
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-wait-bye.xml", caller);
        Assert.True(code == 0, output); // the caller got a BYE
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput); // and so did the agent's phone
        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(0, _factory.Services.GetRequiredService<CtiCore.Sip.B2bua.SipB2bua>().ActiveCalls);
    }

    private static async Task<string> EventuallyAsync(Func<string?> probe)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "the expected desk update never came");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The Interaction of the call once the encoder finished and the linker copied the recording into it.</summary>
    private async Task<Interaction> LinkedRecordingAsync(string caller)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var interaction = await InteractionAsync(caller);
            if (interaction.RecordingKey is not null && interaction.RecordingSha256 is not null)
            {
                return interaction;
            }
            Assert.True(DateTime.UtcNow < deadline, "the call's recording was never linked to its Interaction");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>A SIP URI user part: "+7 495 123-45-67" → "+74951234567".</summary>
    private static string Digits(string number) => "+" + string.Concat(number.Where(char.IsAsciiDigit));

    private CtiCore.Sip.Registrar.SipRegistrar Registrar => _factory.Services.GetRequiredService<SipEndpoint>().Registrar;

    private Task<(int ExitCode, string Output)> RegisterAsync(string user, string password, int phonePort, string scenario) =>
        Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario(scenario), "-s", user, "-au", user, "-ap", password, "-key", "phone_port", phonePort.ToString(CultureInfo.InvariantCulture)], Ct);

    private Task<(int ExitCode, string Output)> CallAsync(string scenario, string caller) =>
        Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario(scenario), "-s", _dialled, "-key", "caller", caller, "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture)], Ct);

    /// <summary>
    /// Boris's phone, registered as <paramref name="sipUser"/>, answers the next call he is offered. He becomes available
    /// after Anna, so she has waited longest and is rung first.
    /// </summary>
    private async Task<Task<(int ExitCode, string Output)>> BorisAnswersNextAsync(string sipUser = "sip.boris")
    {
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        var port = FreePorts.Next();
        var answer = PhoneAsync(port, "phone-answer.xml");
        Assert.Equal(0, (await RegisterAsync(sipUser, Crm.AgentPassword, port, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.boris");
        return answer;
    }

    /// <summary>A trunk call that Anna's phone fails (its scenario runs to the end, when there is one) and Boris answers.</summary>
    private async Task CallEndsWithBorisAsync(Task<(int ExitCode, string Output)>? annasPhone, Task<(int ExitCode, string Output)> borisPhone)
    {
        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-call.xml", caller);
        Assert.True(code == 0, output);
        foreach (var phone in annasPhone is null ? [borisPhone] : new[] { annasPhone, borisPhone })
        {
            var (phoneCode, phoneOutput) = await phone;
            Assert.True(phoneCode == 0, phoneOutput);
        }
        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.boris"), interaction.AgentId);
    }

    private static Task<(int ExitCode, string Output)> PhoneAsync(int port, string scenario, params string[] keys) =>
        Sipp.StartAsync(null, port, ["-sf", Sipp.Scenario(scenario), "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture), .. keys], Ct);

    private async Task<HubConnection> AvailableAsync(string login, Action<ScreenPop>? onPop = null)
    {
        var token = await _factory.TokenAsync(login, Crm.AgentPassword);
        var hub = _factory.Hub("/hubs/agent", token);
        _hubs.Add(hub);
        if (onPop is not null)
        {
            hub.On("Pop", onPop);
        }
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("SetAvailable", Ct);
        return hub;
    }

    private async Task<AgentView> AgentAsync(string login) =>
        await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAgentGrain>(await UserIdAsync(login)).GetViewAsync();

    private async Task<long> UserIdAsync(string login)
    {
        long id = 0;
        await _factory.WithDbAsync(async db => id = await db.Users.Where(u => u.Login == login).Select(u => u.Id).SingleAsync(Ct));
        return id;
    }

    /// <summary>The call grain logs the call once it ended; poll for it (the journal write follows the BYE).</summary>
    private async Task<Interaction> InteractionAsync(string caller)
    {
        var digits = caller.TrimStart('+');
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            Interaction? found = null;
            await _factory.WithDbAsync(async db => found = (await db.Interactions.AsNoTracking().ToListAsync(Ct))
                .FirstOrDefault(i => i.FromNumber is { } from && from.TrimStart('+') == digits && i.EndedAt is not null));
            if (found is not null)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "no Interaction was logged for the call");
            await Task.Delay(200, Ct);
        }
    }
}
