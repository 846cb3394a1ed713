using System.Text.Json.Serialization;

namespace CtiCore.Media.Recording;

/// <summary>
/// One call's recording on its way from WAV to verified Opus, as persisted in the job store. Immutable: every step
/// writes a new version with <c>with</c>, so what is on disk is always one consistent state.
/// </summary>
public sealed record RecordingJob
{
    /// <summary>The call key (e.g. Asterisk's linkedid), which also names the output file. One job per call key.</summary>
    public required string Id { get; init; }

    public required RecordingSource Source { get; init; }

    /// <summary>When the call was recorded; picks the yyyy/MM/dd folder and starts the retention clock.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Department whose retention period applies; null means the default period.</summary>
    public string? DepartmentKey { get; init; }

    /// <summary>Path of the Opus file relative to the recordings root, fixed when the job is created.</summary>
    public required string OutputPath { get; init; }

    public RecordingJobState State { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    /// <summary>Shape of the source, captured before the WAVs are deleted so a resumed job can still verify.</summary>
    public long? SourceFrames { get; init; }

    public int? SampleRate { get; init; }

    public int? Channels { get; init; }

    public long? SourceBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the verified Opus file, the value stored with the Interaction.</summary>
    public string? Sha256 { get; init; }

    public long? OutputBytes { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }

    public string? ErasureReason { get; init; }

    /// <summary>Where the recorder was paused (PCI), written into the Opus file's comments.</summary>
    public IReadOnlyList<RecordingPause>? Pauses { get; init; }

    [JsonIgnore]
    public bool IsTerminal => State is RecordingJobState.Done or RecordingJobState.NoAudio or RecordingJobState.Failed or RecordingJobState.Erased;
}
