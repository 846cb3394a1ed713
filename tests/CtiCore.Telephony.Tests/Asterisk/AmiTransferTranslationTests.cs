using CtiCore.Asterisk.Protocol;
using CtiCore.Domain.Telephony;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Telephony.Tests.Asterisk;

/// <summary>
/// CtiCore's blind transfer on Asterisk redirects the caller's channel into the dialplan, which dials the target: the
/// translator reports the hand-over and the target's answer as a new leg (docs/telephony-events.md, rule 2a).
/// </summary>
public sealed class AmiTransferTranslationTests
{
    private const string CallId = "1795446336.0";

    [Fact]
    public void A_dial_after_the_answer_is_a_transfer_whose_answer_opens_the_timeline_for_the_target()
    {
        var translator = new AmiCallTranslator(new AsteriskTelephonyOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 5, 40, TimeSpan.Zero)));
        var calls = AmiCapture.Parse(TransferredCall).SelectMany(translator.Translate).OfType<CallEvent>().ToList();

        Assert.Equal(
            ["CallOffered", "CallRinging", "CallAnswered", "CallAnswered", "CallTransferred", "CallRinging", "CallAnswered", "CallAnswered", "CallEnded"],
            calls.Select(e => e.GetType().Name));
        Assert.Equal("PJSIP/102", Assert.IsType<CallTransferred>(calls[4]).Destination);
        var answers = calls.OfType<CallAnswered>().ToList();
        Assert.Equal(2, answers.Select(a => a.EventId).Distinct().Count()); // one id per leg, DialEnd and BridgeEnter agree
        Assert.Equal(CallEndCause.CallerHungUp, Assert.IsType<CallEnded>(calls[^1]).Cause);

        var timeline = new CallTimeline();
        var applied = calls.Select(timeline.Apply).ToList();
        Assert.Equal(EventDisposition.Applied, applied[6]); // the target's answer
        Assert.Equal(EventDisposition.Duplicate, applied[7]);
        Assert.Equal("PJSIP/102", timeline.AnsweredEndpoint);
        Assert.Equal(2, timeline.AnsweredLegs);
    }

    [Fact]
    public void A_second_dial_of_a_call_not_offered_inbound_is_no_transfer()
    {
        var translator = new AmiCallTranslator(new AsteriskTelephonyOptions(), new FakeTimeProvider());
        var outbound = TransferredCall.Replace("Context: from-trunk", "Context: cticore-outbound", StringComparison.Ordinal);
        var calls = AmiCapture.Parse(outbound).SelectMany(translator.Translate).OfType<CallEvent>().ToList();

        Assert.DoesNotContain(calls, e => e is CallTransferred);
        Assert.Single(calls.OfType<CallAnswered>().Select(a => a.EventId).Distinct());
    }

    private static string Channel(string name, string uniqueId) => $"Channel: {name}\nUniqueid: {uniqueId}\nLinkedid: {CallId}\n";

    private static string Dial(string eventName, string target, string targetUniqueId, string? status = null) =>
        $"Event: {eventName}\n" + Channel("PJSIP/trunk-00000000", CallId)
        + $"DestChannel: {target}\nDestUniqueid: {targetUniqueId}\nDestLinkedid: {CallId}\n"
        + (status is null ? string.Empty : $"DialStatus: {status}\n") + "\n";

    private static readonly string TransferredCall = string.Concat(
        "Event: Newchannel\n" + Channel("PJSIP/trunk-00000000", CallId) + "Context: from-trunk\nExten: 5551234\nCallerIDNum: 79161234567\nCallerIDName: Client\n\n",
        Dial("DialBegin", "PJSIP/101-00000001", "1795446336.1"),
        Dial("DialEnd", "PJSIP/101-00000001", "1795446336.1", "ANSWER"),
        "Event: BridgeEnter\n" + Channel("PJSIP/101-00000001", "1795446336.1") + "\n",
        "Event: Hangup\n" + Channel("PJSIP/101-00000001", "1795446336.1") + "Cause: 16\n\n",
        Dial("DialBegin", "PJSIP/102-00000002", "1795446336.2"),
        Dial("DialEnd", "PJSIP/102-00000002", "1795446336.2", "ANSWER"),
        "Event: BridgeEnter\n" + Channel("PJSIP/102-00000002", "1795446336.2") + "\n",
        "Event: HangupRequest\n" + Channel("PJSIP/trunk-00000000", CallId) + "\n",
        "Event: Hangup\n" + Channel("PJSIP/trunk-00000000", CallId) + "Cause: 16\n\n",
        "Event: Hangup\n" + Channel("PJSIP/102-00000002", "1795446336.2") + "Cause: 16\n\n");
}
