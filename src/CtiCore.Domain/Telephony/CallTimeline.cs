using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// What is known about one call from its events, with the rules for duplicated and reordered delivery
/// (docs/telephony-events.md). Pure and deterministic: the call grain keeps it as state and applies each event.
/// Properties are settable only because Orleans generates this type's serializer in CtiCore.Abstractions, and
/// its code generator cannot reach init-only or private setters across assemblies; change it through <see cref="Apply"/>.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallTimeline")]
public sealed class CallTimeline
{
    /// <summary>How many event ids are remembered for duplicate detection. Older duplicates are still caught
    /// by the stage rules (a stage never moves back), only their counting differs.</summary>
    public const int RememberedEventIds = 256;

    [Id(0)] public CallStage Stage { get; set; }
    [Id(1)] public DateTimeOffset? OfferedAt { get; set; }
    [Id(2)] public DateTimeOffset? RingingAt { get; set; }
    [Id(3)] public DateTimeOffset? AnsweredAt { get; set; }
    [Id(4)] public DateTimeOffset? EndedAt { get; set; }
    [Id(5)] public string? CallerNumber { get; set; }
    [Id(6)] public string? CallerName { get; set; }
    [Id(7)] public string? DialledNumber { get; set; }
    [Id(8)] public string? Trunk { get; set; }
    [Id(9)] public PbxCorrelation Pbx { get; set; } = PbxCorrelation.None;
    [Id(10)] public string? RingingEndpoint { get; set; }
    [Id(11)] public string? AnsweredEndpoint { get; set; }
    [Id(12)] public CallEndCause? EndCause { get; set; }
    [Id(13)] public bool IsOnHold { get; set; }
    [Id(14)] public int HoldCount { get; set; }
    [Id(15)] public EventOrder? LastHoldChange { get; set; }
    [Id(16)] public RecordingState Recording { get; set; }
    [Id(17)] public string? RecordingFile { get; set; }
    [Id(18)] public EventOrder? LastRecordingChange { get; set; }
    [Id(19)] public string? TransferredTo { get; set; }
    [Id(20)] public bool? OriginateSucceeded { get; set; }
    [Id(21)] public string? OriginateFailureReason { get; set; }
    [Id(22)] public int IgnoredEvents { get; set; }
    [Id(23)] public List<string> SeenEventIds { get; set; } = [];

    /// <summary>A transfer opened a new leg that has not been answered or refused yet (docs/telephony-events.md).</summary>
    [Id(24)] public bool TransferLegOpen { get; set; }

    /// <summary>How many answers the call took: 1 for the first agent, one more for each transfer's target that answered.</summary>
    [Id(25)] public int AnsweredLegs { get; set; }

    /// <summary>When the current leg was answered (the first answer, or the latest transfer target's).</summary>
    [Id(26)] public DateTimeOffset? LegAnsweredAt { get; set; }

    public bool IsEnded => Stage == CallStage.Ended;

    /// <summary>Applies <paramref name="callEvent"/> under the ordering rules and says what it did.</summary>
    public EventDisposition Apply(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        var disposition = ApplyCore(callEvent);
        if (disposition is EventDisposition.Duplicate or EventDisposition.Stale or EventDisposition.AfterEnd)
        {
            IgnoredEvents++;
        }

        return disposition;
    }

    private EventDisposition ApplyCore(CallEvent e)
    {
        if (!string.IsNullOrEmpty(e.EventId))
        {
            if (SeenEventIds.Contains(e.EventId))
            {
                return EventDisposition.Duplicate;
            }

            SeenEventIds.Add(e.EventId);
            if (SeenEventIds.Count > RememberedEventIds)
            {
                SeenEventIds.RemoveAt(0);
            }
        }

        // A recorder often reports the finished file after the hang-up (Asterisk's MixMonitor does): it is the
        // one event that may still change an ended call.
        if (IsEnded && e is not RecordingStopped)
        {
            return EventDisposition.AfterEnd;
        }

        MergePbx(e.Pbx);
        return e switch
        {
            CallOffered offered => ApplyOffered(offered),
            CallRinging ringing => ApplyRinging(ringing),
            CallRingFailed => ApplyRingFailed(),
            CallAnswered answered => ApplyAnswered(answered),
            CallHeld or CallResumed => ApplyHold(e, e is CallHeld),
            CallTransferStarted => ApplyTransferStarted(),
            CallTransferred transferred => ApplyTransferred(transferred),
            CallEnded ended => ApplyEnded(ended),
            RecordingStarted or RecordingPaused or RecordingResumed or RecordingStopped => ApplyRecording(e),
            OriginateResult result => ApplyOriginateResult(result),
            _ => EventDisposition.Stale,
        };
    }

    private EventDisposition ApplyOffered(CallOffered e)
    {
        CallerNumber ??= e.CallerNumber;
        CallerName ??= e.CallerName;
        DialledNumber ??= e.DialledNumber;
        Trunk ??= e.Trunk;
        OfferedAt = OfferedAt is { } known && known <= e.OccurredAt ? known : e.OccurredAt;
        if (Stage == CallStage.None)
        {
            Stage = CallStage.Offered;
            return EventDisposition.Applied;
        }

        // The call got ahead of its offer (it already rings or talks): keep the data, never move back.
        return EventDisposition.Merged;
    }

    private EventDisposition ApplyRinging(CallRinging e)
    {
        if (Stage == CallStage.Answered && TransferLegOpen)
        {
            // The transfer's target rings: a new leg, while the call itself stays answered.
            RingingEndpoint = e.Endpoint;
            return EventDisposition.Applied;
        }

        if (Stage >= CallStage.Answered)
        {
            return EventDisposition.Stale;
        }

        // Ringing may repeat on another endpoint when the call moves to the next agent.
        Stage = CallStage.Ringing;
        RingingAt ??= e.OccurredAt;
        RingingEndpoint = e.Endpoint;
        return EventDisposition.Applied;
    }

    private EventDisposition ApplyAnswered(CallAnswered e)
    {
        if (Stage == CallStage.Answered && TransferLegOpen)
        {
            // The transfer's target answered: the one answer a transfer's leg may add. AnsweredAt stays the first
            // answer (the caller's wait ended then); the leg's own time is LegAnsweredAt.
            TransferLegOpen = false;
            AnsweredLegs++;
            LegAnsweredAt = e.OccurredAt;
            AnsweredEndpoint = e.Endpoint;
            return EventDisposition.Applied;
        }

        if (Stage >= CallStage.Answered)
        {
            // The first answer wins; without an open transfer leg a call is answered once.
            return EventDisposition.Stale;
        }

        Stage = CallStage.Answered;
        AnsweredAt = e.OccurredAt;
        LegAnsweredAt = e.OccurredAt;
        AnsweredLegs = 1;
        AnsweredEndpoint = e.Endpoint;
        return EventDisposition.Applied;
    }

    private EventDisposition ApplyRingFailed()
    {
        if (Stage == CallStage.Answered && TransferLegOpen)
        {
            // The transfer's target refused or rang out: the leg closes; the call stays with whoever holds it.
            TransferLegOpen = false;
            return EventDisposition.Applied;
        }

        return Stage is CallStage.Offered or CallStage.Ringing ? EventDisposition.Applied : EventDisposition.Stale;
    }

    private EventDisposition ApplyTransferStarted()
    {
        if (Stage != CallStage.Answered || TransferLegOpen)
        {
            // Only an answered call is transferred, one transfer at a time (the PBX refuses a second one too).
            return EventDisposition.Stale;
        }

        TransferLegOpen = true;
        return EventDisposition.Applied;
    }

    private EventDisposition ApplyHold(CallEvent e, bool held)
    {
        // Hold and resume toggle: only an event newer than the last toggle counts, so a reordered pair
        // (Resumed delivered before Held) ends in the right state.
        if (LastHoldChange is { } last && !e.Order.IsAfter(last))
        {
            return EventDisposition.Stale;
        }

        LastHoldChange = e.Order;
        if (held && !IsOnHold)
        {
            HoldCount++;
        }

        IsOnHold = held;
        return EventDisposition.Applied;
    }

    private EventDisposition ApplyTransferred(CallTransferred e)
    {
        TransferredTo = e.Destination;
        IsOnHold = false;
        if (Stage == CallStage.Answered)
        {
            // A blind transfer reported before its target rings (Asterisk) opens the target's leg here.
            TransferLegOpen = true;
        }

        return EventDisposition.Applied;
    }

    private EventDisposition ApplyEnded(CallEnded e)
    {
        Stage = CallStage.Ended;
        EndedAt = e.OccurredAt;
        EndCause = e.Cause;
        IsOnHold = false;
        if (Recording is RecordingState.Recording or RecordingState.Paused)
        {
            Recording = RecordingState.Stopped;
        }

        return EventDisposition.Applied;
    }

    private EventDisposition ApplyRecording(CallEvent e)
    {
        var file = e switch
        {
            RecordingStarted s => s.File,
            RecordingPaused p => p.File,
            RecordingResumed r => r.File,
            RecordingStopped s => s.File,
            _ => null,
        };
        if (!string.IsNullOrEmpty(file))
        {
            RecordingFile = file;
        }

        if (e is not RecordingStopped && LastRecordingChange is { } last && !e.Order.IsAfter(last))
        {
            return EventDisposition.Stale;
        }

        // Stopped is final for the recording: an older Started/Paused delivered after it stays ignored.
        if (Recording == RecordingState.Stopped && e is not RecordingStopped)
        {
            return EventDisposition.Stale;
        }

        LastRecordingChange = e.Order;
        Recording = e switch
        {
            RecordingStarted or RecordingResumed => RecordingState.Recording,
            RecordingPaused => RecordingState.Paused,
            _ => RecordingState.Stopped,
        };
        return EventDisposition.Applied;
    }

    private EventDisposition ApplyOriginateResult(OriginateResult e)
    {
        if (OriginateSucceeded is not null)
        {
            return EventDisposition.Stale;
        }

        OriginateSucceeded = e.Succeeded;
        OriginateFailureReason = e.FailureReason;
        return EventDisposition.Applied;
    }

    private void MergePbx(PbxCorrelation pbx)
    {
        if (pbx == PbxCorrelation.None)
        {
            return;
        }

        Pbx = new PbxCorrelation
        {
            ChannelId = Pbx.ChannelId ?? pbx.ChannelId,
            LinkedId = Pbx.LinkedId ?? pbx.LinkedId,
            ChannelName = Pbx.ChannelName ?? pbx.ChannelName,
        };
    }
}
