namespace CtiCore.Domain.Campaigns;

/// <summary>One number to call in a campaign, with what happened to it so far.</summary>
public sealed class DialListEntry
{
    public long Id { get; set; }
    public long CampaignId { get; set; }

    /// <summary>Normalized number, e.g. "+74956601812"; unique within the campaign.</summary>
    public required string E164 { get; set; }

    /// <summary>As it was written in the imported file.</summary>
    public required string OriginalText { get; set; }

    public string? Name { get; set; }

    /// <summary>The CRM client the number belongs to, when known.</summary>
    public long? ClientId { get; set; }

    public string? Region { get; set; }

    /// <summary>IANA zone given by the import; the client's own zone, when linked, is preferred.</summary>
    public string? TimeZone { get; set; }

    public DialListEntryState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not dialled before this instant (retry delay or requested callback); null means as soon as allowed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public DialOutcome? LastOutcome { get; set; }
    public string? LastDisposition { get; set; }

    /// <summary>When a call to this entry was last abandoned: starts the 72-hour quarantine.</summary>
    public DateTimeOffset? LastAbandonedAt { get; set; }

    /// <summary>Line of the imported file the entry came from, for support questions.</summary>
    public int? SourceLine { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
