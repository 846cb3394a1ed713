using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Routing;

[GenerateSerializer, Immutable, Alias("CtiCore.Routing.RouteRequest")]
public sealed record RouteRequest
{
    [Id(0)] public string CallId { get; init; } = string.Empty;
    [Id(1)] public CallerProfile Caller { get; init; } = CallerProfile.Anonymous;

    /// <summary>Agents already rung for this call.</summary>
    [Id(2)] public IReadOnlyList<long> AlreadyTried { get; init; } = [];

    /// <summary>When the call first queued in this department, if it did; keeps its place and its overflow clock.</summary>
    [Id(3)] public DateTimeOffset? QueuedSince { get; init; }
}
