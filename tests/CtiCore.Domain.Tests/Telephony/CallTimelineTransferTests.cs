using CtiCore.Domain.Telephony;

namespace CtiCore.Domain.Tests.Telephony;

/// <summary>The answer-after-transfer rule of docs/telephony-events.md: a transfer opens exactly one new leg.</summary>
public sealed class CallTimelineTransferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [Fact]
    public void A_transfer_target_ringing_and_answering_is_applied_and_the_call_stays_answered()
    {
        var timeline = Answered();

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallTransferStarted>(20) with { Destination = "SIP/3102" }));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallRinging>(21) with { Endpoint = "SIP/3102" }));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallTransferred>(25) with { Destination = "SIP/3102" }));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallAnswered>(25) with { Endpoint = "SIP/3102" }));

        Assert.Equal(CallStage.Answered, timeline.Stage);
        Assert.Equal(T0.AddSeconds(5), timeline.AnsweredAt); // the caller's wait ended at the first answer
        Assert.Equal(T0.AddSeconds(25), timeline.LegAnsweredAt);
        Assert.Equal("SIP/3102", timeline.AnsweredEndpoint);
        Assert.Equal(2, timeline.AnsweredLegs);
        Assert.False(timeline.TransferLegOpen);
    }

    [Fact]
    public void A_blind_transfer_reported_first_opens_the_leg_for_the_target_answer()
    {
        var timeline = Answered();

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallTransferred>(20) with { Destination = "3102" }));
        Assert.True(timeline.TransferLegOpen);
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallRinging>(21) with { Endpoint = "PJSIP/3102" }));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallAnswered>(24) with { Endpoint = "PJSIP/3102" }));
        Assert.Equal("PJSIP/3102", timeline.AnsweredEndpoint);
    }

    [Fact]
    public void A_leg_takes_one_answer_and_a_second_answer_is_stale()
    {
        var timeline = Answered();
        timeline.Apply(Event<CallTransferred>(20) with { Destination = "SIP/3102" });
        timeline.Apply(Event<CallAnswered>(24) with { Endpoint = "SIP/3102" });

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallAnswered>(26) with { Endpoint = "SIP/3103" }));
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallRinging>(27) with { Endpoint = "SIP/3103" }));
        Assert.Equal("SIP/3102", timeline.AnsweredEndpoint);
        Assert.Equal(2, timeline.AnsweredLegs);
    }

    [Fact]
    public void Without_a_transfer_a_second_answer_stays_stale()
    {
        var timeline = Answered();

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallAnswered>(8) with { Endpoint = "SIP/3102" }));
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallRinging>(9) with { Endpoint = "SIP/3102" }));
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallRingFailed>(10) with { Endpoint = "SIP/3102" }));
        Assert.Equal("SIP/3101", timeline.AnsweredEndpoint);
        Assert.Equal(1, timeline.AnsweredLegs);
    }

    [Fact]
    public void A_refused_transfer_closes_the_leg_and_a_later_answer_is_stale_again()
    {
        var timeline = Answered();
        timeline.Apply(Event<CallTransferStarted>(20) with { Destination = "SIP/3102" });

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallRingFailed>(22) with { Endpoint = "SIP/3102", Cause = CallEndCause.Busy }));
        Assert.False(timeline.TransferLegOpen);
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallAnswered>(23) with { Endpoint = "SIP/3102" }));
        Assert.Equal(CallStage.Answered, timeline.Stage);
        Assert.Equal("SIP/3101", timeline.AnsweredEndpoint);
    }

    [Fact]
    public void A_transfer_of_an_unanswered_call_opens_no_leg()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Event<CallOffered>(0));

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallTransferStarted>(1) with { Destination = "SIP/3102" }));
        Assert.False(timeline.TransferLegOpen);
        Assert.Equal(CallStage.Offered, timeline.Stage);
    }

    [Fact]
    public void After_the_end_a_transfer_answer_is_ignored()
    {
        var timeline = Answered();
        timeline.Apply(Event<CallTransferred>(20) with { Destination = "SIP/3102" });
        timeline.Apply(Event<CallEnded>(22) with { Cause = CallEndCause.CallerHungUp });

        Assert.Equal(EventDisposition.AfterEnd, timeline.Apply(Event<CallAnswered>(23) with { Endpoint = "SIP/3102" }));
        Assert.Equal(CallStage.Ended, timeline.Stage);
        Assert.Equal(1, timeline.AnsweredLegs);
    }

    private CallTimeline Answered()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Event<CallOffered>(0));
        timeline.Apply(Event<CallRinging>(1) with { Endpoint = "SIP/3101" });
        timeline.Apply(Event<CallAnswered>(5) with { Endpoint = "SIP/3101" });
        return timeline;
    }

    private T Event<T>(int second)
        where T : CallEvent, new()
    {
        var sequence = ++_sequence;
        return new T
        {
            EventId = $"{typeof(T).Name}-{sequence}",
            Source = "sip:pbx",
            Sequence = second * 10 + (sequence % 10),
            OccurredAt = T0.AddSeconds(second),
            CallId = "call-1",
        };
    }
}
