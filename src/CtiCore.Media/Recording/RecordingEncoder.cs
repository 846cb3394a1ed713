using System.Collections.Concurrent;
using System.Threading.Channels;
using CtiCore.Media.Opus;
using CtiCore.Media.Wav;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Media.Recording;

/// <summary>
/// The background queue that turns finished calls' WAVs into verified Opus files, off the call path: a channel of job
/// ids drained by <see cref="RecordingOptions.MaxConcurrency"/> workers. Jobs are journaled before they are queued, so
/// <see cref="StartAsync"/> resumes whatever a crash or a restart interrupted. Failures are retried with exponential
/// backoff (on the injected <see cref="TimeProvider"/>); a bad source fails at once, and a failed job keeps its source.
/// </summary>
public sealed partial class RecordingEncoder : IHostedService, IAsyncDisposable
{
    private readonly IRecordingJobStore _store;
    private readonly RecordingJobProcessor _processor;
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingEncoder> _logger;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly Lock _watchersLock = new();
    private readonly List<Watcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task[] _workers = [];

    public RecordingEncoder(IRecordingJobStore store, RecordingJobProcessor processor, IOptions<RecordingOptions> options,
        TimeProvider time, ILogger<RecordingEncoder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _processor = processor;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Resumes unfinished jobs, then starts the workers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var job in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (job.IsTerminal)
            {
                continue;
            }

            resumed++;
            var wait = job.NextAttemptAt is { } at ? at - _time.GetUtcNow() : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                ScheduleRetry(job.Id, wait);
            }
            else
            {
                Queue(job.Id);
            }
        }

        if (resumed > 0)
        {
            LogResuming(resumed);
        }

        _workers = Enumerable.Range(0, _options.MaxConcurrency)
            .Select(_ => Task.Run(() => WorkAsync(_stopping.Token), CancellationToken.None))
            .ToArray();
    }

    /// <summary>Stops taking jobs; a job being encoded is abandoned and resumes on the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Journals a new job and queues it. Idempotent per call key: asking again returns the existing job unchanged,
    /// because the caller (a grain, a dialplan hook) may retry.
    /// </summary>
    public Task<RecordingJob> EnqueueAsync(string callKey, RecordingSource source, DateTimeOffset recordedAt,
        string? departmentKey, CancellationToken cancellationToken)
        => EnqueueAsync(callKey, source, recordedAt, departmentKey, pauses: null, cancellationToken);

    /// <inheritdoc cref="EnqueueAsync(string, RecordingSource, DateTimeOffset, string?, CancellationToken)"/>
    /// <param name="pauses">PCI pauses of the recording, marked in the Opus file's comments.</param>
    public async Task<RecordingJob> EnqueueAsync(string callKey, RecordingSource source, DateTimeOffset recordedAt,
        string? departmentKey, IReadOnlyList<RecordingPause>? pauses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        RecordingStorageLayout.ValidateCallKey(callKey);
        source.Validate();
        if (await _store.GetAsync(callKey, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var now = _time.GetUtcNow();
        var job = new RecordingJob
        {
            Id = callKey,
            Source = source,
            RecordedAt = recordedAt,
            DepartmentKey = departmentKey,
            Pauses = pauses is { Count: > 0 } ? pauses : null,
            OutputPath = RecordingStorageLayout.RelativePathFor(callKey, recordedAt),
            State = RecordingJobState.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await SaveAsync(job, cancellationToken).ConfigureAwait(false);
        Queue(job.Id);
        return job;
    }

    /// <summary>Completes when the job is done, holds no audio, failed, or was erased.</summary>
    public Task<RecordingJob> WhenFinishedAsync(string jobId, CancellationToken cancellationToken)
        => WhenAsync(jobId, job => job.IsTerminal, cancellationToken);

    /// <summary>Completes when a saved state of the job satisfies <paramref name="condition"/> (now or later).</summary>
    public async Task<RecordingJob> WhenAsync(string jobId, Func<RecordingJob, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watcher = new Watcher(jobId, condition);
        lock (_watchersLock)
        {
            _watchers.Add(watcher);
        }

        // Registered first, checked second: a save that lands in between is seen by one or the other.
        if (await _store.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { } current && condition(current))
        {
            watcher.Completion.TrySetResult(current);
        }

        try
        {
            return await watcher.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_watchersLock)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private void Queue(string jobId)
    {
        if (_pending.TryAdd(jobId, 0))
        {
            _queue.Writer.TryWrite(jobId);
        }
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var jobId in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                _pending.TryRemove(jobId, out _);
                try
                {
                    await RunAttemptAsync(jobId, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // The journal itself could not be read or written (disk full, permissions). Keep the worker alive
                    // and try the job again later; its journal still holds the last durable state.
                    LogJournalFailure(jobId, ex);
                    ScheduleRetry(jobId, _options.RetryBaseDelay);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: an interrupted job stays Encoding in its journal and resumes on the next start.
        }
    }

    private async Task RunAttemptAsync(string jobId, CancellationToken stopping)
    {
        var job = await _store.GetAsync(jobId, stopping).ConfigureAwait(false);
        if (job is null || job.IsTerminal)
        {
            return;
        }

        job = job with { State = RecordingJobState.Encoding, Attempts = job.Attempts + 1, UpdatedAt = _time.GetUtcNow() };
        await SaveAsync(job, stopping).ConfigureAwait(false);
        try
        {
            var finished = await _processor.ProcessAsync(job, stopping).ConfigureAwait(false);
            await SaveAsync(finished, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever one recording does, the queue must keep serving the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await HandleFailureAsync(job, ex, stopping).ConfigureAwait(false);
        }
    }

    private async Task HandleFailureAsync(RecordingJob job, Exception error, CancellationToken stopping)
    {
        var now = _time.GetUtcNow();
        var permanent = IsPermanent(error);
        if (permanent || job.Attempts >= _options.MaxAttempts)
        {
            LogFailed(job.Id, job.Attempts, error);
            await SaveAsync(job with { State = RecordingJobState.Failed, LastError = error.Message, UpdatedAt = now, NextAttemptAt = null }, stopping)
                .ConfigureAwait(false);
            return;
        }

        var delay = RetryDelay(job.Attempts);
        LogRetrying(job.Id, job.Attempts, delay, error.Message);
        // The timer exists before the journal says Queued, so an observer of that state can rely on it.
        ScheduleRetry(job.Id, delay);
        await SaveAsync(job with { State = RecordingJobState.Queued, LastError = error.Message, UpdatedAt = now, NextAttemptAt = now + delay }, stopping)
            .ConfigureAwait(false);
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryBaseDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        return delay;
    }

    private void ScheduleRetry(string jobId, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            timer?.Dispose();
            if (!_stopping.IsCancellationRequested)
            {
                Queue(jobId);
            }
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Retrying cannot repair a source that is not valid audio, or one that does not exist.</summary>
    private static bool IsPermanent(Exception error) => error switch
    {
        WavFormatException wav => !wav.IsTransient,
        FileNotFoundException => true,
        ArgumentException => true,
        OpusException => false,
        _ => false,
    };

    private async Task SaveAsync(RecordingJob job, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        Watcher[] matched;
        lock (_watchersLock)
        {
            matched = _watchers.Where(w => w.JobId == job.Id && w.Condition(job)).ToArray();
        }

        foreach (var watcher in matched)
        {
            watcher.Completion.TrySetResult(job);
        }
    }

    private sealed record Watcher(string JobId, Func<RecordingJob, bool> Condition)
    {
        public TaskCompletionSource<RecordingJob> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Resuming {Count} unfinished recording job(s)")]
    private partial void LogResuming(int count);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Recording {JobId} attempt {Attempt} failed, retrying in {Delay}: {Reason}")]
    private partial void LogRetrying(string jobId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Error, Message = "Recording {JobId}: its journal could not be read or written; retrying later")]
    private partial void LogJournalFailure(string jobId, Exception exception);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Recording {JobId} failed after {Attempts} attempt(s); source kept")]
    private partial void LogFailed(string jobId, int attempts, Exception exception);
}
