using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Phones;

namespace CtiCore.DialerSim;

/// <summary>
/// A synthetic dial list across Russia's zones: landlines of Moscow, Yekaterinburg, Novosibirsk and Vladivostok,
/// mobiles (which libphonenumber maps to many zones), some clients whose CRM record names another zone,
/// some numbers on do-not-call lists and some abandoned a day ago (still in quarantine).
/// </summary>
public static class DialListGenerator
{
    private static readonly (string Prefix, double Share)[] Pools =
    [
        ("+7495", 0.45), ("+7343", 0.15), ("+7383", 0.10), ("+7423", 0.10), ("+7916", 0.20),
    ];

    public static List<SimulatedNumber> Generate(Random random, int count, long campaignId, DateTimeOffset start,
        DoNotCallSet doNotCall, HashSet<string> auditDoNotCall)
    {
        var zonesByPrefix = new Dictionary<string, IReadOnlyList<TimeZoneInfo>>();
        var list = new List<SimulatedNumber>(count);
        var seen = new HashSet<string>();
        while (list.Count < count)
        {
            var prefix = Pick(random);
            var e164 = prefix + random.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!seen.Add(e164))
            {
                continue;
            }

            if (!zonesByPrefix.TryGetValue(prefix, out var zones))
            {
                zones = [.. PhoneNormalizer.TimeZonesOf(e164).Select(TimeZoneInfo.FindSystemTimeZoneById)];
                zonesByPrefix[prefix] = zones;
            }

            string? clientZone = null;
            TimeZoneInfo truth;
            if (random.NextDouble() < 0.05)
            {
                // The CRM knows better than the number: the client moved (kept a Moscow number) to Kaliningrad.
                clientZone = "Europe/Kaliningrad";
                truth = TimeZoneInfo.FindSystemTimeZoneById(clientZone);
            }
            else
            {
                truth = zones.Count == 0 ? TimeZoneInfo.Utc : zones[random.Next(zones.Count)];
            }

            var entry = new DialListEntry { Id = list.Count + 1, CampaignId = campaignId, E164 = e164, OriginalText = e164, CreatedAt = start };
            var roll = random.NextDouble();
            if (roll < 0.01)
            {
                doNotCall.AddGlobal(e164);
                auditDoNotCall.Add(e164);
            }
            else if (roll < 0.02)
            {
                doNotCall.AddForCampaign(e164, campaignId);
                auditDoNotCall.Add(e164);
            }
            else if (roll < 0.03)
            {
                entry.LastAbandonedAt = start.AddHours(-24);
            }

            list.Add(new SimulatedNumber(entry, truth, clientZone));
        }

        return list;
    }

    private static string Pick(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (prefix, share) in Pools)
        {
            roll -= share;
            if (roll < 0)
            {
                return prefix;
            }
        }

        return Pools[^1].Prefix;
    }
}
