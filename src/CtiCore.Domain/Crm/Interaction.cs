namespace CtiCore.Domain.Crm;

/// <summary>
/// One entry of the journal: a call today, later a meeting or an e-mail.
/// <see cref="CallKey"/> is unique, so the same call can never be logged twice.
/// </summary>
public sealed class Interaction
{
    public long Id { get; set; }
    public InteractionKind Kind { get; set; }
    public CallDirection Direction { get; set; }

    /// <summary>CtiCore's own id of the call (the call grain key); unique.</summary>
    public required string CallKey { get; set; }

    public string? FromNumber { get; set; }
    public string? ToNumber { get; set; }

    public long? ClientId { get; set; }
    public Client? Client { get; set; }
    public long? ContactId { get; set; }
    public ContactPerson? Contact { get; set; }
    public long? AgentId { get; set; }
    public User? Agent { get; set; }
    public long? DepartmentId { get; set; }

    /// <summary>Asterisk Uniqueid, or the SIP Call-ID of the built-in endpoint.</summary>
    public string? PbxCallId { get; set; }

    /// <summary>Asterisk Linkedid: groups every channel of one call.</summary>
    public string? PbxLinkedId { get; set; }

    public DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset? RingingAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public CallOutcome Outcome { get; set; }
    public int WaitSeconds { get; set; }
    public int TalkSeconds { get; set; }

    public string? Disposition { get; set; }
    public string? Notes { get; set; }

    /// <summary>Human-readable routing explanation, e.g. "responsible manager Ivanova busy → longest idle: Petrov".</summary>
    public string? RoutingReason { get; set; }

    /// <summary>Recording file reference (path or storage key).</summary>
    public string? RecordingRef { get; set; }

    /// <summary>Storage key of the verified Opus recording: its path under the recordings root (yyyy/MM/dd/callKey.opus).</summary>
    public string? RecordingKey { get; set; }

    /// <summary>Lower-case hex SHA-256 of the Opus file; playback refuses a file that no longer matches.</summary>
    public string? RecordingSha256 { get; set; }

    public long? RecordingDurationMs { get; set; }

    public long? RecordingBytes { get; set; }

    /// <summary>PCI pauses as "start-end" seconds from the start of the recording, ';'-separated.</summary>
    public string? RecordingPauses { get; set; }

    /// <summary>A legal hold keeps the recording past its retention period and against an erasure request.</summary>
    public bool RecordingLegalHold { get; set; }

    /// <summary>When the recording was erased (retention or a client's request); the row stays.</summary>
    public DateTimeOffset? RecordingErasedAt { get; set; }

    public long? CampaignId { get; set; }
}
