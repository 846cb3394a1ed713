namespace CtiCore.Domain.Crm;

/// <summary>Audit of one erased recording: kept after the file is gone, as the proof of what was erased, why and by whom.</summary>
public sealed class RecordingErasure
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public long? ClientId { get; set; }
    public required string CallKey { get; set; }

    /// <summary>"ClientRequest" or "RetentionExpired".</summary>
    public required string Reason { get; set; }

    /// <summary>The user who asked; null for the retention sweep.</summary>
    public long? RequestedById { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>SHA-256 of the erased file.</summary>
    public string? Sha256 { get; set; }
}
