using CtiCore.Media.Recording;
using Microsoft.Extensions.Logging;

namespace CtiCore.Media.Retention;

/// <summary>
/// Carries out a <see cref="RetentionPlan"/>: deletes each Opus file, marks its job <see cref="RecordingJobState.Erased"/>
/// (the journal stays as the record that it existed and why it went), and logs every erasure.
/// </summary>
public sealed partial class RetentionExecutor
{
    private readonly IRecordingJobStore _store;
    private readonly RecordingStorageLayout _layout;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionExecutor> _logger;

    public RetentionExecutor(IRecordingJobStore store, RecordingStorageLayout layout, TimeProvider time, ILogger<RetentionExecutor> logger)
    {
        _store = store;
        _layout = layout;
        _time = time;
        _logger = logger;
    }

    /// <summary>Returns the jobs erased. Recordings already gone or not done are skipped, so a sweep can be re-run.</summary>
    public async Task<IReadOnlyList<RecordingJob>> ExecuteAsync(RetentionPlan plan, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var erased = new List<RecordingJob>();
        foreach (var item in plan.HeldByLegalHold)
        {
            LogHeld(item.CallKey, item.Reason);
        }

        foreach (var item in plan.Erase)
        {
            var job = await _store.GetAsync(item.CallKey, cancellationToken).ConfigureAwait(false);
            if (job is not { State: RecordingJobState.Done })
            {
                continue;
            }

            var path = _layout.FullPath(job.OutputPath);
            File.Delete(path);
            DurableFile.FsyncDirectory(Path.GetDirectoryName(path)!);
            var now = _time.GetUtcNow();
            job = job with { State = RecordingJobState.Erased, ErasedAt = now, ErasureReason = item.Reason.ToString(), UpdatedAt = now };
            await _store.SaveAsync(job, cancellationToken).ConfigureAwait(false);
            LogErased(job.Id, job.DepartmentKey ?? "(default)", item.Reason, job.RecordedAt, requestedBy, job.Sha256 ?? "");
            erased.Add(job);
        }

        return erased;
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning,
        Message = "Recording {CallKey} erased: {Reason}; department {Department}, recorded {RecordedAt:O}, requested by {RequestedBy}, SHA-256 {Sha256}")]
    private partial void LogErased(string callKey, string department, ErasureReason reason, DateTimeOffset recordedAt, string requestedBy, string sha256);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "Recording {CallKey} kept by a legal hold despite {Reason}")]
    private partial void LogHeld(string callKey, ErasureReason reason);
}
