using CtiCore.Domain.Telephony;

namespace CtiCore.Domain.Tests.Telephony;

/// <summary>The duplicate and out-of-order rules of docs/telephony-events.md, one test each.</summary>
public sealed class CallTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [Fact]
    public void A_normal_call_moves_through_every_stage()
    {
        var timeline = new CallTimeline();

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Offered(0)));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Ringing(1, "PJSIP/101")));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Answered(5, "PJSIP/101")));
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Ended(65)));

        Assert.Equal(CallStage.Ended, timeline.Stage);
        Assert.Equal(T0, timeline.OfferedAt);
        Assert.Equal(T0.AddSeconds(1), timeline.RingingAt);
        Assert.Equal(T0.AddSeconds(5), timeline.AnsweredAt);
        Assert.Equal(T0.AddSeconds(65), timeline.EndedAt);
        Assert.Equal("PJSIP/101", timeline.AnsweredEndpoint);
        Assert.Equal("+74956601812", timeline.CallerNumber);
        Assert.Equal(0, timeline.IgnoredEvents);
    }

    [Fact]
    public void A_redelivered_event_is_a_duplicate_by_its_id()
    {
        var timeline = new CallTimeline();
        var answered = Answered(5, "PJSIP/101");
        timeline.Apply(Offered(0));
        timeline.Apply(answered);

        Assert.Equal(EventDisposition.Duplicate, timeline.Apply(answered));
        Assert.Equal(EventDisposition.Duplicate, timeline.Apply(answered with { Sequence = 999 }));
        Assert.Equal(2, timeline.IgnoredEvents);
    }

    [Fact]
    public void Ended_is_terminal_and_a_later_answer_is_ignored()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Ended(10, CallEndCause.CallerHungUp));

        Assert.Equal(EventDisposition.AfterEnd, timeline.Apply(Answered(8, "PJSIP/101")));
        Assert.Equal(EventDisposition.AfterEnd, timeline.Apply(Ended(12)));
        Assert.Equal(EventDisposition.AfterEnd, timeline.Apply(Ringing(9, "PJSIP/101")));

        Assert.Null(timeline.AnsweredAt);
        Assert.Equal(CallEndCause.CallerHungUp, timeline.EndCause);
        Assert.Equal(T0.AddSeconds(10), timeline.EndedAt);
    }

    [Fact]
    public void A_late_ringing_does_not_move_an_answered_call_back()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Answered(5, "PJSIP/101"));

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Ringing(3, "PJSIP/101")));
        Assert.Equal(CallStage.Answered, timeline.Stage);
    }

    [Fact]
    public void The_first_answer_wins()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Answered(5, "PJSIP/101"));

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Answered(6, "PJSIP/102")));
        Assert.Equal("PJSIP/101", timeline.AnsweredEndpoint);
    }

    [Fact]
    public void Ringing_moves_on_to_the_next_endpoint_before_an_answer()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Ringing(1, "PJSIP/101"));

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Ringing(21, "PJSIP/102")));
        Assert.Equal("PJSIP/102", timeline.RingingEndpoint);
        Assert.Equal(T0.AddSeconds(1), timeline.RingingAt);
    }

    [Fact]
    public void A_late_offer_fills_in_the_caller_but_never_moves_the_call_back()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Ringing(1, "PJSIP/101"));

        Assert.Equal(EventDisposition.Merged, timeline.Apply(Offered(0)));
        Assert.Equal(CallStage.Ringing, timeline.Stage);
        Assert.Equal("+74956601812", timeline.CallerNumber);
        Assert.Equal(T0, timeline.OfferedAt);
    }

    [Fact]
    public void Hold_and_resume_delivered_in_reverse_order_leave_the_call_off_hold()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Answered(5, "PJSIP/101"));
        var held = Hold<CallHeld>(10);
        var resumed = Hold<CallResumed>(20);

        Assert.Equal(EventDisposition.Applied, timeline.Apply(resumed));
        Assert.Equal(EventDisposition.Stale, timeline.Apply(held));
        Assert.False(timeline.IsOnHold);
    }

    [Fact]
    public void Across_sources_the_timestamp_orders_hold_changes()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Hold<CallHeld>(10) with { Source = "sip", Sequence = 1 });

        // Sequence 100 of another source means nothing; its earlier timestamp makes it stale.
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Hold<CallResumed>(5) with { Source = "ami:pbx1", Sequence = 100 }));
        Assert.True(timeline.IsOnHold);
        Assert.Equal(1, timeline.HoldCount);
    }

    [Fact]
    public void The_recording_file_reported_after_the_hang_up_is_kept()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Answered(5, "PJSIP/101"));
        timeline.Apply(Event<RecordingStarted>(6) with { File = "/rec/a.ogg" });
        timeline.Apply(Ended(60));

        Assert.Equal(RecordingState.Stopped, timeline.Recording);
        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<RecordingStopped>(61) with { File = "/rec/a-final.ogg" }));
        Assert.Equal("/rec/a-final.ogg", timeline.RecordingFile);
        Assert.Equal(EventDisposition.AfterEnd, timeline.Apply(Event<RecordingPaused>(62)));
    }

    [Fact]
    public void A_recording_started_after_it_stopped_is_stale()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Event<RecordingStopped>(30) with { File = "/rec/b.ogg" });

        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<RecordingStarted>(40)));
        Assert.Equal(RecordingState.Stopped, timeline.Recording);
    }

    [Fact]
    public void Pbx_ids_are_kept_from_the_first_event_that_carries_them()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0) with { Pbx = new PbxCorrelation { ChannelId = "1700000000.1" } });
        timeline.Apply(Ringing(1, "PJSIP/101") with { Pbx = new PbxCorrelation { ChannelId = "1700000000.2", LinkedId = "1700000000.1" } });

        Assert.Equal("1700000000.1", timeline.Pbx.ChannelId);
        Assert.Equal("1700000000.1", timeline.Pbx.LinkedId);
    }

    [Fact]
    public void Only_a_bounded_number_of_event_ids_is_remembered()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        for (var i = 0; i < CallTimeline.RememberedEventIds + 10; i++)
        {
            timeline.Apply(Hold<CallHeld>(i + 1));
        }

        Assert.Equal(CallTimeline.RememberedEventIds, timeline.SeenEventIds.Count);
    }

    [Fact]
    public void A_refused_ring_applies_while_the_call_is_offered_and_is_stale_once_answered()
    {
        var timeline = new CallTimeline();
        timeline.Apply(Offered(0));
        timeline.Apply(Ringing(1, "SIP/3101"));

        Assert.Equal(EventDisposition.Applied, timeline.Apply(Event<CallRingFailed>(2) with { Endpoint = "SIP/3101", Cause = CallEndCause.Busy, PbxCauseCode = 486 }));
        Assert.Equal(CallStage.Ringing, timeline.Stage); // still waiting for an agent: the failure is about one phone
        timeline.Apply(Ringing(3, "SIP/3102"));
        timeline.Apply(Answered(4, "SIP/3102"));
        Assert.Equal(EventDisposition.Stale, timeline.Apply(Event<CallRingFailed>(5) with { Endpoint = "SIP/3101", Cause = CallEndCause.NoAnswer }));
        Assert.Equal(CallStage.Answered, timeline.Stage);
    }

    private CallOffered Offered(int second) => Event<CallOffered>(second) with
    {
        CallerNumber = "+74956601812",
        DialledNumber = "+74950000000",
        Trunk = "PJSIP/provider",
    };

    private CallRinging Ringing(int second, string endpoint) => Event<CallRinging>(second) with { Endpoint = endpoint };

    private CallAnswered Answered(int second, string endpoint) => Event<CallAnswered>(second) with { Endpoint = endpoint };

    private CallEnded Ended(int second, CallEndCause cause = CallEndCause.AgentHungUp) => Event<CallEnded>(second) with { Cause = cause };

    private T Hold<T>(int second)
        where T : CallEvent, new() => Event<T>(second);

    /// <summary>Sequence follows the timestamp, as it does on one PBX connection.</summary>
    private T Event<T>(int second)
        where T : CallEvent, new()
    {
        var sequence = ++_sequence;
        return new T
        {
            EventId = $"{typeof(T).Name}-{sequence}",
            Source = "ami:pbx1",
            Sequence = second * 10 + (sequence % 10),
            OccurredAt = T0.AddSeconds(second),
            CallId = "call-1",
        };
    }
}
