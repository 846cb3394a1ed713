namespace CtiCore.Media.Recording;

/// <summary>Lifecycle of a recording job. Only <see cref="Queued"/> and <see cref="Encoding"/> resume after a restart.</summary>
public enum RecordingJobState
{
    /// <summary>Waiting for a worker (possibly until <see cref="RecordingJob.NextAttemptAt"/> after a failure).</summary>
    Queued,

    /// <summary>A worker took it; if the process dies now, the job is found in this state and resumed.</summary>
    Encoding,

    /// <summary>The Opus file is verified, hashed, and the source WAVs are deleted.</summary>
    Done,

    /// <summary>The source held a valid header and no audio: nothing to keep; the empty source is deleted.</summary>
    NoAudio,

    /// <summary>Gave up (bad source or retries exhausted). The source WAVs are kept for a human.</summary>
    Failed,

    /// <summary>The Opus file was erased (retention or a client's request); the journal stays as the audit record.</summary>
    Erased,
}
