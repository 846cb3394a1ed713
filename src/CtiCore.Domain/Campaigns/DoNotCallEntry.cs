namespace CtiCore.Domain.Campaigns;

/// <summary>A number that must not be called: by any campaign when <see cref="CampaignId"/> is null, else by that one.</summary>
public sealed class DoNotCallEntry
{
    public long Id { get; set; }
    public required string E164 { get; set; }

    /// <summary>Null for the global list.</summary>
    public long? CampaignId { get; set; }

    public string? Reason { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Some registrations lapse (e.g. a consent withdrawal for a fixed term); null means forever.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
