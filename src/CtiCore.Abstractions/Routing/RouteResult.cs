using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Routing;

[GenerateSerializer, Immutable, Alias("CtiCore.Routing.RouteResult")]
public sealed record RouteResult
{
    [Id(0)] public RoutingDecision Decision { get; init; } = new();

    /// <summary>1-based place in the queue, for <see cref="Domain.Routing.RoutingOutcome.Queue"/>.</summary>
    [Id(2)] public int QueuePosition { get; init; }
}
