using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>What routing needs to know about one agent at one moment: status and today's load figures.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.AgentSnapshot")]
public sealed record AgentSnapshot
{
    [Id(0)] public long AgentId { get; set; }

    /// <summary>Name shown in routing reasons (e.g. "Petrov").</summary>
    [Id(1)] public string DisplayName { get; set; } = string.Empty;

    [Id(2)] public AgentStatus Status { get; set; }

    /// <summary>False while the agent's phone is unregistered or unreachable: such an agent is not offered calls.</summary>
    [Id(3)] public bool DeviceReachable { get; set; } = true;

    [Id(4)] public int ActiveCalls { get; set; }
    [Id(5)] public int CallsToday { get; set; }
    [Id(6)] public int TalkSecondsToday { get; set; }

    /// <summary>When the agent's last call ended; null if they have had none (they have then idled longest).</summary>
    [Id(7)] public DateTimeOffset? LastCallEndedAt { get; set; }

    /// <summary>Increases with every change, so a receiver can drop a snapshot older than one it already has.</summary>
    [Id(8)] public long Version { get; set; }

    /// <summary>
    /// The agent's phone answered busy (busy with something else): until then the router offers them nothing, though
    /// they stay available. Carried in the snapshot, so every router reading the agent (one re-activated too) honours it.
    /// </summary>
    [Id(9)] public DateTimeOffset? RingCooldownUntil { get; set; }

    public bool CanTakeCall => Status == AgentStatus.Available && DeviceReachable;

    /// <summary>Whether a call may be offered to the agent at <paramref name="now"/>: free, reachable and not cooling down after a busy.</summary>
    public bool CanBeOfferedCallAt(DateTimeOffset now) => CanTakeCall && !(RingCooldownUntil > now);
}
