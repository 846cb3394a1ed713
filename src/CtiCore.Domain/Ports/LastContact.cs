using Orleans;

namespace CtiCore.Domain.Ports;

/// <summary>The agent who last answered a client's call, and when.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Ports.LastContact")]
public sealed record LastContact
{
    [Id(0)] public long AgentId { get; set; }
    [Id(1)] public DateTimeOffset AnsweredAt { get; set; }
}
