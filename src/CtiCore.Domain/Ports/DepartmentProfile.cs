using CtiCore.Domain.Routing;
using Orleans;

namespace CtiCore.Domain.Ports;

[GenerateSerializer, Immutable, Alias("CtiCore.Ports.DepartmentProfile")]
public sealed record DepartmentProfile
{
    [Id(0)] public long DepartmentId { get; set; }
    [Id(1)] public string Name { get; set; } = string.Empty;
    [Id(2)] public RoutingSettings Settings { get; set; } = RoutingSettings.Default;
}
