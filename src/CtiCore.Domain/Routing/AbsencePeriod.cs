using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>A planned or unplanned absence of an agent, with who covers for them.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.AbsencePeriod")]
public sealed record AbsencePeriod
{
    [Id(0)] public long AgentId { get; set; }
    [Id(1)] public DateTimeOffset From { get; set; }
    [Id(2)] public DateTimeOffset To { get; set; }
    [Id(3)] public long? SubstituteAgentId { get; set; }

    /// <summary>Half-open, like <see cref="Crm.Absence.Covers"/>.</summary>
    public bool Covers(DateTimeOffset moment) => moment >= From && moment < To;
}
