using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Agents;

[GenerateSerializer, Immutable, Alias("CtiCore.Agents.ReservationResult")]
public sealed record ReservationResult
{
    [Id(0)] public bool Reserved { get; init; }

    /// <summary>The agent's state after the attempt, so the router corrects its picture either way.</summary>
    [Id(1)] public AgentSnapshot Snapshot { get; init; } = new();

    /// <summary>The endpoint to ring.</summary>
    [Id(2)] public string? Endpoint { get; init; }
}
