using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.Grains.Agents;

/// <summary>Persisted state of <see cref="AgentGrain"/>.</summary>
[GenerateSerializer, Alias("CtiCore.Grains.AgentState")]
internal sealed class AgentState
{
    [Id(0)] public AgentStatus Status { get; set; } = AgentStatus.LoggedOut;
    [Id(1)] public string? PauseReason { get; set; }
    [Id(2)] public string? PendingPauseReason { get; set; }

    /// <summary>The call the agent is reserved for, talking on, or wrapping up.</summary>
    [Id(3)] public string? CurrentCallId { get; set; }

    [Id(4)] public DateTimeOffset? AnsweredAt { get; set; }
    [Id(5)] public DateTimeOffset? WrapUpEndsAt { get; set; }
    [Id(6)] public DeviceState DeviceState { get; set; }
    [Id(7)] public EventOrder? LastDeviceChange { get; set; }

    /// <summary>UTC day the "today" figures belong to.</summary>
    [Id(8)] public DateOnly LoadDay { get; set; }

    [Id(9)] public int CallsToday { get; set; }
    [Id(10)] public int TalkSecondsToday { get; set; }
    [Id(11)] public int MissedCallsToday { get; set; }
    [Id(12)] public DateTimeOffset? LastCallEndedAt { get; set; }

    /// <summary>Calls already counted, so a repeated "ended" is not counted twice.</summary>
    [Id(13)] public List<string> RecentlyEndedCalls { get; set; } = [];

    [Id(14)] public long Version { get; set; }
    [Id(15)] public int OverlappingAnswers { get; set; }

    /// <summary>The phone last answered busy: no call is offered to the agent until then (<see cref="AgentSnapshot.RingCooldownUntil"/>).</summary>
    [Id(16)] public DateTimeOffset? RingCooldownUntil { get; set; }
}
