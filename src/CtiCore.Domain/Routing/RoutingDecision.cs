using CtiCore.Domain.Crm;
using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>Where a call goes and why, in words a supervisor reads (rule g).</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.RoutingDecision")]
public sealed record RoutingDecision
{
    [Id(0)] public RoutingOutcome Outcome { get; set; }
    [Id(1)] public RoutingRule Rule { get; set; }
    [Id(2)] public long? AgentId { get; set; }
    [Id(3)] public string? AgentName { get; set; }

    /// <summary>E.g. "responsible manager Ivanova busy → longest idle: Petrov".</summary>
    [Id(4)] public string Reason { get; set; } = string.Empty;

    [Id(5)] public DateTimeOffset DecidedAt { get; set; }

    /// <summary>For <see cref="RoutingOutcome.Overflow"/>: where the call goes.</summary>
    [Id(6)] public OverflowAction? OverflowAction { get; set; }

    [Id(7)] public long? OverflowDepartmentId { get; set; }

    /// <summary>The department that made the decision.</summary>
    [Id(8)] public long DepartmentId { get; set; }
}
