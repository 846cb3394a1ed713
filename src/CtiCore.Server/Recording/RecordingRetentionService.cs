using CtiCore.Data;
using CtiCore.Media.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Recording;

/// <summary>Every <see cref="RecordingHostOptions.RetentionSweepInterval"/>: erases recordings past their department's period.</summary>
public sealed partial class RecordingRetentionService(
    IDbContextFactory<CrmDbContext> contexts, RecordingEraser eraser, IOptions<RetentionPolicy> policy,
    IOptions<RecordingHostOptions> options, TimeProvider time, ILogger<RecordingRetentionService> logger) : BackgroundService
{
    /// <summary>One sweep; returns the Interactions whose recording was erased.</summary>
    public async Task<IReadOnlyList<long>> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await RecordingEraser.CandidatesAsync(db.Interactions, cancellationToken).ConfigureAwait(false);
        var plan = RetentionPlanner.PlanExpired(candidates.Select(c => c.Candidate), policy.Value, time.GetUtcNow());
        var byKey = candidates.ToDictionary(c => c.Candidate.CallKey, c => (c.InteractionId, c.ClientId, c.Sha256), StringComparer.Ordinal);
        return await eraser.EraseAsync(db, plan, byKey, requestedBy: null, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next sweep tries again; nothing is lost by waiting.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSweepFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6121, Level = LogLevel.Error, Message = "Recording retention sweep failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
