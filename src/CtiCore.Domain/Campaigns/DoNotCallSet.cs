namespace CtiCore.Domain.Campaigns;

/// <summary>An in-memory <see cref="IDoNotCallList"/>, loaded from <see cref="DoNotCallEntry"/> rows by the campaign grain.</summary>
public sealed class DoNotCallSet : IDoNotCallList
{
    private readonly Dictionary<(string E164, long? CampaignId), DateTimeOffset?> _entries = [];

    public DoNotCallSet()
    {
    }

    public DoNotCallSet(IEnumerable<DoNotCallEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Add(entry);
        }
    }

    public int Count => _entries.Count;

    public void Add(DoNotCallEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[(entry.E164, entry.CampaignId)] = entry.ExpiresAt;
    }

    public void AddGlobal(string e164) => _entries[(e164, null)] = null;

    public void AddForCampaign(string e164, long campaignId) => _entries[(e164, campaignId)] = null;

    public bool IsBlocked(string e164, long campaignId, DateTimeOffset now) =>
        Active((e164, null), now) || Active((e164, campaignId), now);

    private bool Active((string, long?) key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var expires) && (expires is null || expires > now);
}
