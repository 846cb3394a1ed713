using Orleans;

namespace CtiCore.Domain.Ports;

/// <summary>The CRM client a phone number belongs to, as far as routing cares.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Ports.CallerRecord")]
public sealed record CallerRecord
{
    [Id(0)] public long ClientId { get; set; }
    [Id(1)] public string Name { get; set; } = string.Empty;
    [Id(2)] public long? ResponsibleManagerId { get; set; }

    /// <summary>Tagged or segmented "VIP" in the CRM.</summary>
    [Id(3)] public bool IsVip { get; set; }

    /// <summary>True when the card was created by this lookup.</summary>
    [Id(4)] public bool CreatedNow { get; set; }
}
