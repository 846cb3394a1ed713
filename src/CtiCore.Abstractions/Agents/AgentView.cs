using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Agents;

/// <summary>An agent's state for screens and tests.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Agents.AgentView")]
public sealed record AgentView
{
    [Id(0)] public AgentSnapshot Snapshot { get; init; } = new();
    [Id(1)] public long? DepartmentId { get; init; }
    [Id(2)] public string? PauseReason { get; init; }

    /// <summary>A pause requested during a call, applied when it ends.</summary>
    [Id(3)] public string? PendingPauseReason { get; init; }

    [Id(4)] public string? CurrentCallId { get; init; }
    [Id(5)] public DateTimeOffset? WrapUpEndsAt { get; init; }
    [Id(6)] public DeviceState DeviceState { get; init; }
    [Id(7)] public int MissedCallsToday { get; init; }
    [Id(8)] public string? Endpoint { get; init; }

    /// <summary>Times the phone answered a second call while this agent was already talking; should stay 0.</summary>
    [Id(9)] public int OverlappingAnswers { get; init; }

    /// <summary>
    /// The agent's phone answered busy a moment ago: until then they are offered no call though they show available.
    /// Null when no such cool-down runs now.
    /// </summary>
    [Id(10)] public DateTimeOffset? RingCooldownUntil { get; init; }

    public AgentStatus Status => Snapshot.Status;
}
