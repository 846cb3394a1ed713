using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Telephony.Tests.Asterisk;

public sealed class AmiCallTranslatorTests
{
    private const string CallId = "1795446336.0";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 15, 5, 40, TimeSpan.Zero));

    private AmiCallTranslator NewTranslator() => new(new AsteriskTelephonyOptions(), _time);

    private static List<TelephonyEvent> Replay(AmiCallTranslator translator, IEnumerable<AmiPacket> packets)
        => [.. packets.SelectMany(translator.Translate)];

    [Fact]
    public void The_real_answered_call_becomes_offered_ringing_answered_ended()
    {
        var translator = NewTranslator();
        var events = Replay(translator, AmiCapture.Load("inbound-answered-read-all.ami"));

        var calls = events.OfType<CallEvent>().ToList();
        Assert.All(calls, e => Assert.Equal(CallId, e.CallId));
        Assert.Equal(
            ["CallOffered", "RecordingStarted", "CallRinging", "CallAnswered", "CallAnswered", "CallEnded"],
            calls.Select(e => e.GetType().Name));

        var offered = Assert.IsType<CallOffered>(calls[0]);
        Assert.Equal("sipp", offered.CallerNumber);
        Assert.Equal("5551234", offered.DialledNumber);
        Assert.Equal("PJSIP/trunk", offered.Trunk);
        Assert.Equal("PJSIP/trunk-00000000", offered.Pbx.ChannelName);

        Assert.Equal("/var/spool/asterisk/monitor/1795446336.0.wav", Assert.IsType<RecordingStarted>(calls[1]).File);
        Assert.Equal("PJSIP/101", Assert.IsType<CallRinging>(calls[2]).Endpoint);

        // DialEnd ANSWER and the agent's BridgeEnter report the same answer: one id, so the call grain applies it once.
        var answers = calls.OfType<CallAnswered>().ToList();
        Assert.All(answers, a => Assert.Equal("PJSIP/101", a.Endpoint));
        Assert.Single(answers.Select(a => a.EventId).Distinct());

        // The caller sent BYE (HangupRequest on the trunk channel) although the agent's Hangup is reported first.
        var ended = Assert.IsType<CallEnded>(calls[^1]);
        Assert.Equal(CallEndCause.CallerHungUp, ended.Cause);
        Assert.Equal(16, ended.PbxCauseCode);
        Assert.Equal(0, translator.ActiveCalls);

        Assert.Equal(events.Count, events.Select(e => e.Sequence).Distinct().Count());
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.All(events, e => Assert.Equal("ami:pbx1", e.Source));
    }

    [Fact]
    public void Agent_device_states_are_reported_and_other_devices_too_only_by_prefix()
    {
        var events = Replay(NewTranslator(), AmiCapture.Load("inbound-answered-read-all.ami"));
        var agent101 = events.OfType<AgentDeviceStateChanged>().Where(d => d.Endpoint == "PJSIP/101").Select(d => d.State);
        Assert.Equal([DeviceState.Ringing, DeviceState.InUse, DeviceState.NotInUse], agent101);

        var queueOnly = new AmiCallTranslator(new AsteriskTelephonyOptions { AgentDevicePrefixes = ["PJSIP/1"] }, _time);
        var filtered = Replay(queueOnly, AmiCapture.Load("inbound-answered-read-all.ami")).OfType<AgentDeviceStateChanged>();
        Assert.All(filtered, d => Assert.Equal("PJSIP/101", d.Endpoint));
    }

    [Fact]
    public void A_replayed_capture_carries_the_same_call_event_ids()
    {
        // What a second adapter instance (or a re-delivery) reports for the same facts must be recognisable as duplicates.
        var first = Replay(NewTranslator(), AmiCapture.Load("inbound-answered-read-all.ami")).OfType<CallEvent>().Select(e => e.EventId);
        var second = Replay(NewTranslator(), AmiCapture.Load("inbound-answered-read-all.ami")).OfType<CallEvent>().Select(e => e.EventId);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Events_seen_again_after_the_end_do_not_revive_the_call()
    {
        var translator = NewTranslator();
        var packets = AmiCapture.Load("inbound-answered-read-all.ami");
        Replay(translator, packets);

        var again = Replay(translator, packets).OfType<CallEvent>().ToList();
        Assert.Empty(again);
        Assert.Equal(0, translator.ActiveCalls);
    }

    [Fact]
    public void Caller_hanging_up_while_ringing_ends_as_caller_hung_up_without_answer()
    {
        var events = Replay(NewTranslator(), AmiCapture.Parse(
            Newchannel("PJSIP/trunk-00000002", "1.2", "1.2", "from-trunk", "+4930555") +
            DialBegin("1.2", "PJSIP/2001-00000003", "1.3") +
            "Event: HangupRequest\nChannel: PJSIP/trunk-00000002\nUniqueid: 1.2\nLinkedid: 1.2\nCause: 16\n\n" +
            DialEnd("1.2", "PJSIP/2001-00000003", "1.3", "CANCEL") +
            Hangup("PJSIP/2001-00000003", "1.3", "1.2", 16) +
            Hangup("PJSIP/trunk-00000002", "1.2", "1.2", 16)));

        var calls = events.OfType<CallEvent>().ToList();
        Assert.Equal(["CallOffered", "CallRinging", "CallEnded"], calls.Select(e => e.GetType().Name));
        Assert.Equal("PJSIP/2001", Assert.IsType<CallRinging>(calls[1]).Endpoint);
        Assert.Equal(CallEndCause.CallerHungUp, Assert.IsType<CallEnded>(calls[2]).Cause);
    }

    [Fact]
    public void The_dialplans_recording_user_event_names_the_file_that_MixMonitorStart_does_not()
    {
        // dialplans/manager.conf drops VarSet (MIXMONITOR_FILENAME), so extensions.conf announces the file with a
        // UserEvent right after MixMonitor(), and Asterisk sends no MixMonitorStop on hang-up: seen with the real one.
        var events = Replay(NewTranslator(), AmiCapture.Parse(
            Newchannel("PJSIP/trunk-00000002", "1.2", "1.2", "from-trunk", "+4930555") +
            "Event: MixMonitorStart\nChannel: PJSIP/trunk-00000002\nUniqueid: 1.2\nLinkedid: 1.2\n\n" +
            "Event: UserEvent\nChannel: PJSIP/trunk-00000002\nUniqueid: 1.2\nLinkedid: 1.2\nUserEvent: CtiCoreRecording\nFile: /var/spool/asterisk/monitor/1.2.wav\n\n" +
            "Event: UserEvent\nChannel: PJSIP/trunk-00000002\nUniqueid: 1.2\nLinkedid: 1.2\nUserEvent: SomethingElse\nFile: /etc/passwd\n\n"));

        var recordings = events.OfType<RecordingStarted>().ToList();
        Assert.Equal(2, recordings.Count);
        Assert.Null(recordings[0].File);
        Assert.Equal("/var/spool/asterisk/monitor/1.2.wav", recordings[1].File);
        Assert.NotEqual(recordings[0].EventId, recordings[1].EventId);
        Assert.True(recordings[1].Order.IsAfter(recordings[0].Order));
    }

    [Theory]
    [InlineData("BUSY", 17, CallEndCause.Busy)]
    [InlineData("NOANSWER", 16, CallEndCause.NoAnswer)]
    [InlineData("CHANUNAVAIL", 20, CallEndCause.Failed)]
    [InlineData(null, 34, CallEndCause.Failed)]
    [InlineData(null, 19, CallEndCause.NoAnswer)]
    public void An_unanswered_call_ends_with_the_dial_status_or_the_q850_cause(string? dialStatus, int cause, CallEndCause expected)
    {
        var text = Newchannel("PJSIP/trunk-00000004", "2.4", "2.4", "from-trunk", "100");
        if (dialStatus is not null)
        {
            text += DialBegin("2.4", "PJSIP/2002-00000005", "2.5") + DialEnd("2.4", "PJSIP/2002-00000005", "2.5", dialStatus)
                + Hangup("PJSIP/2002-00000005", "2.5", "2.4", cause);
        }

        text += Hangup("PJSIP/trunk-00000004", "2.4", "2.4", cause);
        var ended = Replay(NewTranslator(), AmiCapture.Parse(text)).OfType<CallEnded>().Single();
        Assert.Equal(expected, ended.Cause);
        Assert.Equal(cause, ended.PbxCauseCode);
    }

    [Theory]
    [InlineData("BUSY", RingFailureReason.Busy, CallEndCause.Busy)]
    [InlineData("NOANSWER", RingFailureReason.NoAnswer, CallEndCause.NoAnswer)]
    [InlineData("CHANUNAVAIL", RingFailureReason.Unreachable, CallEndCause.Failed)]
    [InlineData("CONGESTION", RingFailureReason.Unreachable, CallEndCause.Failed)]
    public void A_dialled_phone_that_does_not_answer_is_reported_as_a_ring_failure_with_its_reason(string dialStatus, RingFailureReason reason, CallEndCause cause)
    {
        var text = Newchannel("PJSIP/trunk-00000004", "2.4", "2.4", "from-trunk", "100")
            + DialBegin("2.4", "PJSIP/2002-00000005", "2.5") + DialEnd("2.4", "PJSIP/2002-00000005", "2.5", dialStatus);
        var failed = Replay(NewTranslator(), AmiCapture.Parse(text)).OfType<CallRingFailed>().Single();
        Assert.Equal("2.4", failed.CallId);
        Assert.Equal("PJSIP/2002", failed.Endpoint);
        Assert.Equal(reason, failed.Reason);
        Assert.Equal(cause, failed.Cause);
    }

    [Theory]
    [InlineData("ANSWER")]
    [InlineData("CANCEL")]
    public void A_dial_that_was_answered_or_cancelled_by_the_caller_is_no_ring_failure(string dialStatus)
    {
        var text = Newchannel("PJSIP/trunk-00000004", "2.4", "2.4", "from-trunk", "100")
            + DialBegin("2.4", "PJSIP/2002-00000005", "2.5") + DialEnd("2.4", "PJSIP/2002-00000005", "2.5", dialStatus);
        Assert.Empty(Replay(NewTranslator(), AmiCapture.Parse(text)).OfType<CallRingFailed>());
    }

    [Fact]
    public void Agent_hanging_up_an_answered_call_ends_as_agent_hung_up_and_a_requested_hangup_as_by_command()
    {
        string Call(string id, string agentId) =>
            Newchannel("PJSIP/trunk-0000000" + id, id, id, "from-trunk", "100") +
            DialBegin(id, "PJSIP/2001-0000000" + agentId, agentId) + DialEnd(id, "PJSIP/2001-0000000" + agentId, agentId, "ANSWER") +
            $"Event: HangupRequest\nChannel: PJSIP/2001-0000000{agentId}\nUniqueid: {agentId}\nLinkedid: {id}\n\n" +
            Hangup("PJSIP/2001-0000000" + agentId, agentId, id, 16) + Hangup("PJSIP/trunk-0000000" + id, id, id, 16);

        var translator = NewTranslator();
        Assert.Equal(CallEndCause.AgentHungUp, Replay(translator, AmiCapture.Parse(Call("3.1", "3.2"))).OfType<CallEnded>().Single().Cause);

        translator.NoteHangupRequested("4.1");
        Assert.Equal(CallEndCause.HungUpByCommand, Replay(translator, AmiCapture.Parse(Call("4.1", "4.2"))).OfType<CallEnded>().Single().Cause);
    }

    [Fact]
    public void Only_a_first_channel_in_an_inbound_context_is_an_offered_call()
    {
        var events = Replay(NewTranslator(), AmiCapture.Parse(
            Newchannel("PJSIP/2001-00000010", "5.1", "5.1", "agents", "0301234") +
            Newchannel("PJSIP/trunk-00000011", "5.2", "5.1", "from-trunk", "0301234")));
        Assert.Empty(events.OfType<CallOffered>());
    }

    [Fact]
    public void Resync_announces_calls_in_progress_with_their_ids_and_ends_calls_that_vanished()
    {
        var translator = NewTranslator();
        var packets = AmiCapture.Load("inbound-answered-read-all.ami");
        var untilBridged = packets.TakeWhile(p => p.EventName != "HangupRequest").ToList();
        var live = Replay(translator, untilBridged).OfType<CallEvent>().ToList();

        // The link dropped; meanwhile the call went on and another one, unknown to us, started and was answered.
        var channels = AmiCapture.Parse(
            CoreShowChannel("PJSIP/trunk-00000000", CallId, CallId, "from-trunk", "5551234", "6", "b1") +
            CoreShowChannel("PJSIP/101-00000001", "1795446336.1", CallId, "agents", "", "6", "b1") +
            CoreShowChannel("PJSIP/trunk-00000007", "9.7", "9.7", "from-trunk", "5551234", "6", "b2") +
            CoreShowChannel("PJSIP/102-00000008", "9.8", "9.7", "agents", "", "6", "b2"));
        var devices = AmiCapture.Parse("Event: DeviceStateChange\nDevice: PJSIP/102\nState: INUSE\n\n");
        var resync = translator.Resync(new AmiResyncSnapshot(AmiResyncReason.Reconnected, _time.GetUtcNow(), channels, devices));

        var known = resync.OfType<CallEvent>().Where(e => e.CallId == CallId).ToList();
        var answered = Assert.IsType<CallAnswered>(Assert.Single(known));
        Assert.Contains(answered.EventId, live.Select(e => e.EventId)); // a duplicate for the call grain

        var discovered = resync.OfType<CallEvent>().Where(e => e.CallId == "9.7").ToList();
        Assert.Equal(["CallOffered", "CallAnswered"], discovered.Select(e => e.GetType().Name));
        Assert.Equal("PJSIP/102", Assert.IsType<CallAnswered>(discovered[1]).Endpoint);
        Assert.Equal(DeviceState.InUse, Assert.Single(resync.OfType<AgentDeviceStateChanged>()).State);

        // Next snapshot: the first call is gone without us seeing its hang-up.
        var after = translator.Resync(new AmiResyncSnapshot(AmiResyncReason.Reconnected, _time.GetUtcNow(), channels.Skip(2).ToList(), []));
        var ended = Assert.Single(after.OfType<CallEnded>());
        Assert.All(after.OfType<CallAnswered>(), a => Assert.Equal("9.7", a.CallId)); // re-announced, same id
        Assert.Equal(CallId, ended.CallId);
        Assert.Equal(CallEndCause.Unknown, ended.Cause);
        Assert.Equal(1, translator.ActiveCalls);
    }

    [Fact]
    public void Uses_the_asterisk_timestamp_when_events_carry_one()
    {
        var events = Replay(NewTranslator(), AmiCapture.Parse(
            "Event: Newchannel\nTimestamp: 1795446336.250000\nChannel: PJSIP/trunk-1\nUniqueid: 7.1\nLinkedid: 7.1\nContext: from-trunk\nExten: 1\n\n"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_795_446_336_250), Assert.Single(events).OccurredAt);
    }

    [Fact]
    public void MixMonitorMute_is_the_pci_pause_and_resume_each_toggle_its_own_event()
    {
        var translator = NewTranslator();
        var mute = (string state) => $"Event: MixMonitorMute\nChannel: PJSIP/trunk-1\nUniqueid: 7.1\nLinkedid: 7.1\nDirection: both\nState: {state}\n\n";
        var events = Replay(translator, AmiCapture.Parse(
            Newchannel("PJSIP/trunk-1", "7.1", "7.1", "from-trunk", "1") + mute("1") + mute("0") + mute("1") + mute("0")));

        var changes = events.OfType<CallEvent>().Where(e => e is RecordingPaused or RecordingResumed).ToList();
        Assert.Equal(["RecordingPaused", "RecordingResumed", "RecordingPaused", "RecordingResumed"], changes.Select(e => e.GetType().Name));
        Assert.All(changes, e => Assert.Equal("7.1", e.CallId));
        Assert.Equal(changes.Count, changes.Select(e => e.EventId).Distinct().Count());
        Assert.All(changes, e => Assert.Equal("7.1", e.Pbx.ChannelId));
    }

    [Fact]
    public void A_campaign_call_keeps_the_dialplans_dial_status_over_the_originates_own_dial_end()
    {
        // [cticore-campaign]: Local;1 (ChannelId = the campaign call id) is originated, Local;2 dials the callee and
        // reports DIALSTATUS; the originate's own DialEnd for Local;1 comes later and must not turn NOANSWER into a failure.
        const string call = "cmp-3-41-1";
        var translator = NewTranslator();
        var events = Replay(translator, AmiCapture.Parse(CampaignLegs(call) +
            $"Event: DialEnd\nUniqueid: 1.5\nLinkedid: {call}\nDestChannel: PJSIP/trunk-00000009\nDestUniqueid: 1.6\nDestLinkedid: {call}\nDialStatus: NOANSWER\n\n" +
            $"Event: UserEvent\nChannel: Local/74951112233@cticore-campaign-00000001;2\nUniqueid: 1.5\nLinkedid: {call}\nUserEvent: CtiCoreDialStatus\nStatus: NOANSWER\n\n" +
            Hangup("PJSIP/trunk-00000009", "1.6", call, 19) +
            $"Event: DialEnd\nDestChannel: Local/74951112233@cticore-campaign-00000001;1\nDestUniqueid: {call}\nDestLinkedid: {call}\nDialStatus: CONGESTION\n\n" +
            Hangup("Local/74951112233@cticore-campaign-00000001;2", "1.5", call, 19) +
            Hangup("Local/74951112233@cticore-campaign-00000001;1", call, call, 34)));

        var ended = Assert.Single(events.OfType<CallEnded>());
        Assert.Equal(call, ended.CallId);
        Assert.Equal(CallEndCause.NoAnswer, ended.Cause);
        Assert.Equal(0, translator.ActiveCalls);
    }

    [Fact]
    public void Without_the_dialplans_report_a_late_dial_end_of_the_local_channel_would_decide_the_outcome()
    {
        const string call = "cmp-3-42-1";
        var events = Replay(NewTranslator(), AmiCapture.Parse(CampaignLegs(call) +
            $"Event: DialEnd\nUniqueid: 1.5\nLinkedid: {call}\nDestChannel: PJSIP/trunk-00000009\nDestUniqueid: 1.6\nDestLinkedid: {call}\nDialStatus: NOANSWER\n\n" +
            Hangup("PJSIP/trunk-00000009", "1.6", call, 19) +
            $"Event: DialEnd\nDestChannel: Local/74951112233@cticore-campaign-00000001;1\nDestUniqueid: {call}\nDestLinkedid: {call}\nDialStatus: CONGESTION\n\n" +
            Hangup("Local/74951112233@cticore-campaign-00000001;2", "1.5", call, 19) +
            Hangup("Local/74951112233@cticore-campaign-00000001;1", call, call, 34)));

        Assert.Equal(CallEndCause.Failed, Assert.Single(events.OfType<CallEnded>()).Cause);
    }

    [Theory]
    [InlineData("MACHINE", AnsweringMachineResult.Machine)]
    [InlineData("HUMAN", AnsweringMachineResult.Human)]
    [InlineData("NOTSURE", AnsweringMachineResult.NotSure)]
    public void The_dialplans_amd_user_event_becomes_answering_machine_detected(string status, AnsweringMachineResult expected)
    {
        const string call = "cmp-3-43-1";
        var events = Replay(NewTranslator(), AmiCapture.Parse(CampaignLegs(call) +
            $"Event: UserEvent\nChannel: Local/74951112233@cticore-campaign-00000001;1\nUniqueid: {call}\nLinkedid: {call}\nUserEvent: CtiCoreAmd\nStatus: {status}\nCause: LONGGREETING-2000-1500\n\n" +
            $"Event: UserEvent\nChannel: Local/74951112233@cticore-campaign-00000001;1\nUniqueid: {call}\nLinkedid: {call}\nUserEvent: SomethingElse\nStatus: MACHINE\n\n"));

        var detected = Assert.Single(events.OfType<AnsweringMachineDetected>());
        Assert.Equal((call, expected, "LONGGREETING-2000-1500"), (detected.CallId, detected.Result, detected.Detail));
        Assert.False(string.IsNullOrEmpty(detected.EventId));
    }

    private static string CampaignLegs(string call) =>
        Newchannel("Local/74951112233@cticore-campaign-00000001;1", call, call, "cticore-campaign", "74951112233") +
        Newchannel("Local/74951112233@cticore-campaign-00000001;2", "1.5", call, "cticore-campaign", "74951112233") +
        $"Event: DialBegin\nUniqueid: 1.5\nLinkedid: {call}\nDestChannel: PJSIP/trunk-00000009\nDestUniqueid: 1.6\nDestLinkedid: {call}\n\n";

    private static string Newchannel(string channel, string uniqueId, string linkedId, string context, string exten) =>
        $"Event: Newchannel\nChannel: {channel}\nCallerIDNum: +4930123\nContext: {context}\nExten: {exten}\nUniqueid: {uniqueId}\nLinkedid: {linkedId}\n\n";

    private static string DialBegin(string callId, string destChannel, string destUniqueId) =>
        $"Event: DialBegin\nUniqueid: {callId}\nLinkedid: {callId}\nDestChannel: {destChannel}\nDestUniqueid: {destUniqueId}\nDestLinkedid: {callId}\n\n";

    private static string DialEnd(string callId, string destChannel, string destUniqueId, string status) =>
        $"Event: DialEnd\nUniqueid: {callId}\nLinkedid: {callId}\nDestChannel: {destChannel}\nDestUniqueid: {destUniqueId}\nDestLinkedid: {callId}\nDialStatus: {status}\n\n";

    private static string Hangup(string channel, string uniqueId, string linkedId, int cause) =>
        $"Event: Hangup\nChannel: {channel}\nUniqueid: {uniqueId}\nLinkedid: {linkedId}\nCause: {cause}\n\n";

    private static string CoreShowChannel(string channel, string uniqueId, string linkedId, string context, string exten, string state, string bridge) =>
        $"Event: CoreShowChannel\nChannel: {channel}\nUniqueid: {uniqueId}\nLinkedid: {linkedId}\nContext: {context}\nExten: {exten}\nCallerIDNum: 100\nChannelState: {state}\nBridgeId: {bridge}\n\n";
}
