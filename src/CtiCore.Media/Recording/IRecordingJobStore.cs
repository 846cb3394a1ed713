namespace CtiCore.Media.Recording;

/// <summary>
/// Durable storage for recording jobs. <see cref="SaveAsync"/> must not return before the job survives a crash:
/// the pipeline deletes source audio only after saving the state that proves it may.
/// </summary>
public interface IRecordingJobStore
{
    Task<RecordingJob?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the job, durably.</summary>
    Task SaveAsync(RecordingJob job, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecordingJob>> ListAsync(CancellationToken cancellationToken);
}
