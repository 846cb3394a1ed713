using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Routing;

/// <summary>A department's live picture for supervisors and tests.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.RouterView")]
public sealed record RouterView
{
    [Id(0)] public long DepartmentId { get; init; }
    [Id(1)] public string Name { get; init; } = string.Empty;
    [Id(2)] public RoutingSettings Settings { get; init; } = RoutingSettings.Default;
    [Id(3)] public IReadOnlyList<AgentSnapshot> Agents { get; init; } = [];

    /// <summary>Waiting calls in the order they will be offered.</summary>
    [Id(4)] public IReadOnlyList<QueuedCall> Queue { get; init; } = [];
}
