using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Calls;

/// <summary>A call's state for screens and tests.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Calls.CallView")]
public sealed record CallView
{
    [Id(0)] public string CallId { get; init; } = string.Empty;
    [Id(1)] public CallStage Stage { get; init; }
    [Id(2)] public long? DepartmentId { get; init; }
    [Id(3)] public CallerProfile Caller { get; init; } = CallerProfile.Anonymous;
    [Id(4)] public IReadOnlyList<RoutingDecision> Decisions { get; init; } = [];
    [Id(5)] public long? RingingAgentId { get; init; }
    [Id(6)] public long? AnsweredAgentId { get; init; }
    [Id(7)] public IReadOnlyList<long> AlreadyTried { get; init; } = [];
    [Id(8)] public bool IsQueued { get; init; }
    [Id(9)] public CallOutcome Outcome { get; init; }
    [Id(10)] public long? InteractionId { get; init; }
    [Id(11)] public long? FollowUpTaskId { get; init; }

    /// <summary>The reasons of every decision, joined: what the Interaction stores.</summary>
    [Id(12)] public string RoutingReason { get; init; } = string.Empty;

    [Id(13)] public int IgnoredEvents { get; init; }
    [Id(14)] public CallDirection Direction { get; init; }

    /// <summary>Agents who had the call and transferred it on, oldest first (their desks keep the call for wrap-up).</summary>
    [Id(30)] public IReadOnlyList<long> TransferredFromAgentIds { get; init; } = [];
}
