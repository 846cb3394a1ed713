using CtiCore.Domain.Campaigns;

namespace CtiCore.DialerSim;

/// <summary>A dial-list entry plus the ground truth the audit checks against (the zone the callee is really in).</summary>
public sealed class SimulatedNumber(DialListEntry entry, TimeZoneInfo trueZone, string? clientTimeZone)
{
    public DialListEntry Entry { get; } = entry;
    public TimeZoneInfo TrueZone { get; } = trueZone;
    public string? ClientTimeZone { get; } = clientTimeZone;
}
