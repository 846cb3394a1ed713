namespace CtiCore.Server.Recording;

/// <summary>
/// A call's recording while the call lasts: what the PBX reported before the WAV is complete. Kept on disk so a
/// restart in the middle of a call loses neither the start time nor the PCI pauses.
/// </summary>
public sealed record RecordingSession
{
    public required string CallKey { get; init; }

    public string? PbxFile { get; init; }

    /// <summary>Uniqueid of the recorded channel (names the file when the event does not).</summary>
    public string? ChannelId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public List<RecordingPauseMark> Marks { get; init; } = [];

    /// <summary>Set when the call ended before the recorder reported its stop.</summary>
    public DateTimeOffset? CallEndedAt { get; init; }
}
