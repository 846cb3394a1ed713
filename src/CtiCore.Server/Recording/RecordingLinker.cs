using System.Collections.Concurrent;
using CtiCore.Data;
using CtiCore.Media.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Recording;

/// <summary>
/// Copies each finished job (storage key, SHA-256, duration, size, pauses) into its Interaction. The job journal is
/// the source of truth, so linking is a retryable projection: at start every done job whose Interaction lacks its
/// hash is linked, and a job whose Interaction is not written yet (the call grain logs it on its own schedule) is
/// tried again every <see cref="RecordingHostOptions.LinkInterval"/>.
/// </summary>
public sealed partial class RecordingLinker : BackgroundService
{
    private readonly IRecordingJobStore _jobs;
    private readonly RecordingEncoder _encoder;
    private readonly IDbContextFactory<CrmDbContext> _contexts;
    private readonly RecordingHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingLinker> _logger;
    private readonly ConcurrentDictionary<string, byte> _unlinked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _nudge = new(0);

    public RecordingLinker(IRecordingJobStore jobs, RecordingEncoder encoder, IDbContextFactory<CrmDbContext> contexts,
        IOptions<RecordingHostOptions> options, TimeProvider time, ILogger<RecordingLinker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _jobs = jobs;
        _encoder = encoder;
        _contexts = contexts;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Links the job of <paramref name="callKey"/> once it finishes.</summary>
    public void Watch(string callKey) => _ = WatchAsync(callKey);

    public override void Dispose()
    {
        _nudge.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in await _jobs.ListAsync(stoppingToken).ConfigureAwait(false))
        {
            if (job.State == RecordingJobState.Done)
            {
                _unlinked.TryAdd(job.Id, 0);
            }
            else if (!job.IsTerminal)
            {
                Watch(job.Id);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LinkPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be down; the journal keeps everything, so the next round links it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLinkFailed(ex);
            }

            using var interval = new CancellationTokenSource(_options.LinkInterval, _time);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
            try
            {
                await _nudge.WaitAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the interval passed: look again
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchAsync(string callKey)
    {
        try
        {
            var job = await _encoder.WhenFinishedAsync(callKey, CancellationToken.None).ConfigureAwait(false);
            if (job.State == RecordingJobState.Done)
            {
                _unlinked.TryAdd(callKey, 0);
                _nudge.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the next start finds the job in the journal.
        }
    }

    private async Task LinkPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var callKey in _unlinked.Keys)
        {
            if (await _jobs.GetAsync(callKey, cancellationToken).ConfigureAwait(false) is not { State: RecordingJobState.Done } job)
            {
                _unlinked.TryRemove(callKey, out _);
                continue;
            }

            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var interaction = await db.Interactions.Where(i => i.CallKey == callKey)
                .Select(i => new { i.Id, i.RecordingSha256, i.RecordingErasedAt })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (interaction is null)
            {
                continue; // not logged yet: next round
            }

            if (interaction.RecordingSha256 != job.Sha256 && interaction.RecordingErasedAt is null)
            {
                var durationMs = job.SourceFrames is { } frames && job.SampleRate is > 0 ? frames * 1000 / job.SampleRate.Value : (long?)null;
                var pauses = job.Pauses is { Count: > 0 } p ? string.Join(';', p.Select(x => x.ToCommentValue())) : null;
                await db.Interactions.Where(i => i.Id == interaction.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.RecordingKey, job.OutputPath.Replace(Path.DirectorySeparatorChar, '/'))
                    .SetProperty(i => i.RecordingSha256, job.Sha256)
                    .SetProperty(i => i.RecordingDurationMs, durationMs)
                    .SetProperty(i => i.RecordingBytes, job.OutputBytes)
                    .SetProperty(i => i.RecordingPauses, pauses), cancellationToken).ConfigureAwait(false);
                LogLinked(callKey, interaction.Id);
            }

            _unlinked.TryRemove(callKey, out _);
        }
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Recording of call {CallKey} linked to interaction {InteractionId}")]
    private partial void LogLinked(string callKey, long interactionId);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Linking finished recordings to interactions failed; retrying")]
    private partial void LogLinkFailed(Exception exception);
}
