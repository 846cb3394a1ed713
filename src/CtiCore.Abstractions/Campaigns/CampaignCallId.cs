using System.Globalization;

namespace CtiCore.Abstractions.Campaigns;

/// <summary>
/// The call id of a campaign call: "cmp-{campaign}-{entry}-{attempt}". The PBX adapter names the dialled channel
/// after it (so its Linkedid, our call key, is the same) and every event of the call carries it, which is how the
/// event dispatcher finds the campaign grain without a lookup.
/// </summary>
public static class CampaignCallId
{
    private const string Prefix = "cmp-";

    public static string Format(long campaignId, long entryId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{campaignId}-{entryId}-{attempt}");

    public static bool TryParse(string? callId, out long campaignId, out long entryId)
    {
        campaignId = 0;
        entryId = 0;
        if (callId is null || !callId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = callId[Prefix.Length..].Split('-');
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out campaignId)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out entryId)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
