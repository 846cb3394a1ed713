using CtiCore.Domain.Telephony;
using CtiCore.Media.Recording;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Recording;

/// <summary>
/// Follows each call's recording through the PBX-neutral events and hands the finished WAV to the encoder:
/// RecordingStarted opens a session, RecordingPaused/Resumed add PCI marks, RecordingStopped (the recorder closed
/// the file) queues the encode job. If the call ends and no stop comes within <see cref="RecordingHostOptions.StopGrace"/>,
/// the job is queued anyway. Queuing is idempotent per call key, so a late stop after the grace does nothing twice.
/// </summary>
public sealed partial class RecordingSessionTracker : IHostedService, IDisposable
{
    private readonly RecordingSessionStore _sessions;
    private readonly RecordingEncoder _encoder;
    private readonly RecordingLinker _linker;
    private readonly PbxRecordingPath _paths;
    private readonly RecordingHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingSessionTracker> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RecordingSessionTracker(RecordingSessionStore sessions, RecordingEncoder encoder, RecordingLinker linker,
        IOptions<RecordingHostOptions> options, TimeProvider time, ILogger<RecordingSessionTracker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _encoder = encoder;
        _linker = linker;
        _options = options.Value;
        _paths = new PbxRecordingPath(_options);
        _time = time;
        _logger = logger;
    }

    /// <summary>Calls that ended while the server was down (or during the grace) are queued after the grace.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.List().Where(s => s.CallEndedAt is not null))
        {
            ScheduleAfterGrace(session.CallKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _gate.Dispose();

    public async Task ObserveAsync(TelephonyEvent telephonyEvent, CancellationToken cancellationToken)
    {
        if (telephonyEvent is not CallEvent { CallId.Length: > 0 } e
            || e is not (RecordingStarted or RecordingPaused or RecordingResumed or RecordingStopped or CallEnded))
        {
            return;
        }

        try
        {
            RecordingStorageLayout.ValidateCallKey(e.CallId);
        }
        catch (ArgumentException)
        {
            LogBadCallKey(e.CallId.Length);
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = _sessions.Get(e.CallId);
            switch (e)
            {
                case RecordingStarted started:
                    _sessions.Save((session ?? New(e)) with
                    {
                        StartedAt = session?.StartedAt ?? started.OccurredAt,
                        PbxFile = started.File ?? session?.PbxFile,
                        ChannelId = session?.ChannelId ?? started.Pbx.ChannelId,
                    });
                    break;
                case RecordingPaused or RecordingResumed:
                    session ??= New(e);
                    if (session.Marks.All(m => m.EventId != e.EventId))
                    {
                        session.Marks.Add(new RecordingPauseMark(e.EventId, e.OccurredAt, e is RecordingPaused));
                    }

                    _sessions.Save(session);
                    break;
                case RecordingStopped stopped:
                    session ??= New(e);
                    await QueueAsync(session with { PbxFile = stopped.File ?? session.PbxFile }, cancellationToken).ConfigureAwait(false);
                    break;
                case CallEnded when session is not null:
                    _sessions.Save(session with { CallEndedAt = e.OccurredAt });
                    ScheduleAfterGrace(e.CallId);
                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static RecordingSession New(CallEvent e) => new() { CallKey = e.CallId, StartedAt = e.OccurredAt, ChannelId = e.Pbx.ChannelId };

    private void ScheduleAfterGrace(string callKey)
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            timer?.Dispose();
            _ = QueueLateAsync(callKey);
        }, null, _options.StopGrace, Timeout.InfiniteTimeSpan);
    }

    private async Task QueueLateAsync(string callKey)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_sessions.Get(callKey) is { } session)
            {
                LogNoStop(callKey);
                await QueueAsync(session, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A timer callback has no caller to report to; the session stays on disk and resumes at the next start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogQueueFailed(callKey, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task QueueAsync(RecordingSession session, CancellationToken cancellationToken)
    {
        var local = _paths.ToLocal(session.PbxFile, session.ChannelId);
        if (local is null)
        {
            LogNoFile(session.CallKey);
            _sessions.Delete(session.CallKey);
            return;
        }

        var startedAt = session.StartedAt ?? _time.GetUtcNow();
        var job = await _encoder.EnqueueAsync(session.CallKey, RecordingSource.Mixed(local), startedAt, departmentKey: null,
            Pauses(session, startedAt), cancellationToken).ConfigureAwait(false);
        _sessions.Delete(session.CallKey);
        LogQueued(session.CallKey, job.Pauses?.Count ?? 0);
        _linker.Watch(session.CallKey);
    }

    /// <summary>Pairs pause and resume marks in time order into intervals from the start of the recording.</summary>
    internal static List<RecordingPause> Pauses(RecordingSession session, DateTimeOffset startedAt)
    {
        var pauses = new List<RecordingPause>();
        double? openedAt = null;
        foreach (var mark in session.Marks.OrderBy(m => m.At))
        {
            var seconds = Math.Max(0, (mark.At - startedAt).TotalSeconds);
            if (mark.Paused && openedAt is null)
            {
                openedAt = seconds;
            }
            else if (!mark.Paused && openedAt is { } start)
            {
                pauses.Add(new RecordingPause(start, seconds));
                openedAt = null;
            }
        }

        if (openedAt is { } unclosed)
        {
            pauses.Add(new RecordingPause(unclosed, null));
        }

        return pauses;
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Recording of call {CallKey} queued for encoding with {Pauses} PCI pause(s)")]
    private partial void LogQueued(string callKey, int pauses);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Call {CallKey} ended without a recording stop event; its recording is queued after the grace period")]
    private partial void LogNoStop(string callKey);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Recording of call {CallKey} names no file this host can place; nothing queued")]
    private partial void LogNoFile(string callKey);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Recording of call {CallKey} could not be queued; it is retried at the next start")]
    private partial void LogQueueFailed(string callKey, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Recording event with an unusable call key ({Length} characters) ignored")]
    private partial void LogBadCallKey(int length);
}
