namespace CtiCore.Domain.Crm;

/// <summary>Audit of one request for a recording: who, when, which, what byte range, and whether it was served.</summary>
public sealed class RecordingPlayback
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP Range header as sent (null for the whole file).</summary>
    public string? Range { get; set; }

    /// <summary>"served", or why not ("integrity-failed", "missing").</summary>
    public required string Outcome { get; set; }
}
