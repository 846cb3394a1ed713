using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.Grains.Calls;

/// <summary>Persisted state of <see cref="CallGrain"/>.</summary>
[GenerateSerializer, Alias("CtiCore.Grains.CallState")]
internal sealed class CallState
{
    [Id(0)] public CallTimeline Timeline { get; set; } = new();
    [Id(1)] public CallDirection Direction { get; set; }
    [Id(2)] public long? DepartmentId { get; set; }
    [Id(3)] public RoutingSettings Settings { get; set; } = RoutingSettings.Default;
    [Id(4)] public CallerProfile Caller { get; set; } = CallerProfile.Anonymous;
    [Id(5)] public List<RoutingDecision> Decisions { get; set; } = [];

    /// <summary>The agent reserved and ringing for this call now.</summary>
    [Id(6)] public long? RingingAgentId { get; set; }

    [Id(7)] public string? RingingEndpoint { get; set; }

    /// <summary>Counts routing attempts; names the ring timer and the route commands.</summary>
    [Id(8)] public int Attempt { get; set; }

    [Id(9)] public DateTimeOffset? RingDeadline { get; set; }
    [Id(10)] public List<long> AlreadyTried { get; set; } = [];
    [Id(11)] public long? AnsweredAgentId { get; set; }
    [Id(12)] public bool IsQueued { get; set; }
    [Id(13)] public DateTimeOffset? QueuedSince { get; set; }
    [Id(14)] public int OverflowHops { get; set; }

    /// <summary>Where an overflow sent the call (voicemail, callback), which decides the logged outcome.</summary>
    [Id(15)] public OverflowAction? OverflowedTo { get; set; }

    [Id(16)] public bool TransferredAway { get; set; }

    /// <summary>Set once the call ended; cleared when the Interaction (and follow-up) are stored.</summary>
    [Id(17)] public bool JournalPending { get; set; }

    [Id(18)] public long? InteractionId { get; set; }
    [Id(19)] public long? FollowUpTaskId { get; set; }

    /// <summary>Set while an offered call waits for its first routing; a reactivated grain resumes it.</summary>
    [Id(20)] public bool RoutingPending { get; set; }

    [Id(21)] public string? OutboundNumber { get; set; }

    // Transfers (ids from 40 on, apart from the other features' fields).

    /// <summary>The hand-overs of this call, oldest first; written to the journal as they happen and again at the end.</summary>
    [Id(40)] public List<CallTransferStep> Transfers { get; set; } = [];

    /// <summary>Where the open transfer leg rings (set when it begins, cleared when it is answered or refused).</summary>
    [Id(41)] public string? TransferDestination { get; set; }

    /// <summary>The CtiCore agent the open transfer leg rings, reserved or not (a busy agent's phone rings too).</summary>
    [Id(42)] public long? TransferTargetAgentId { get; set; }
}
