namespace CtiCore.Domain.Campaigns;

/// <summary>
/// One CSV import into a campaign's dial list, stored so that its progress and result outlive a restart of the
/// server. <see cref="State"/>: running, completed, failed, or interrupted (the server stopped during it).
/// </summary>
public sealed class DialListImport
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";

    /// <summary>32 hex digits, also the name of the spooled file and of the error report.</summary>
    public required string Id { get; set; }

    public long CampaignId { get; set; }
    public required string State { get; set; }
    public long RowsRead { get; set; }
    public long Accepted { get; set; }
    public long Rejected { get; set; }
    public long Duplicates { get; set; }
    public long LinkedToClients { get; set; }

    /// <summary>Why it failed, in words fit for the supervisor (never an exception's internals).</summary>
    public string? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
