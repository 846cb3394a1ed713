using CtiCore.Domain.Phones;

namespace CtiCore.Domain.Campaigns;

/// <summary>
/// Where the callee's clock is. The client's own zone in the CRM wins, then the zone the dial list gave,
/// then the zones libphonenumber associates with the number. A number may map to several zones (Russian
/// mobile ranges span eleven): the callee may be in any of them, so the caller must satisfy all. No zone
/// at all is not a licence to call.
/// </summary>
public static class CalleeTimeZones
{
    public static IReadOnlyList<TimeZoneInfo> Resolve(string? clientTimeZone, string? entryTimeZone, string e164)
    {
        if (TryFind(clientTimeZone, out var client))
        {
            return [client];
        }

        if (TryFind(entryTimeZone, out var entry))
        {
            return [entry];
        }

        var zones = new List<TimeZoneInfo>();
        foreach (var id in PhoneNormalizer.TimeZonesOf(e164))
        {
            if (TryFind(id, out var zone))
            {
                zones.Add(zone);
            }
        }

        return zones;
    }

    /// <summary>True when <paramref name="id"/> names a zone this machine knows (IANA ids, through ICU on Windows too).</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found))
        {
            zone = found;
            return true;
        }

        return false;
    }
}
