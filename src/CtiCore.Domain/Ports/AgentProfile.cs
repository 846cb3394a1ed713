using Orleans;

namespace CtiCore.Domain.Ports;

/// <summary>An agent as the grains need them: name, department and the endpoints that ring them.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Ports.AgentProfile")]
public sealed record AgentProfile
{
    [Id(0)] public long AgentId { get; set; }
    [Id(1)] public string DisplayName { get; set; } = string.Empty;
    [Id(2)] public long? DepartmentId { get; set; }

    /// <summary>Endpoints such as "PJSIP/101"; the first one is rung.</summary>
    [Id(3)] public List<string> Endpoints { get; set; } = [];

    [Id(4)] public bool IsActive { get; set; } = true;

    public string? PrimaryEndpoint => Endpoints.Count > 0 ? Endpoints[0] : null;
}
