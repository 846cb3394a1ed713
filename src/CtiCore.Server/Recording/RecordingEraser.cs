using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Media.Recording;
using CtiCore.Media.Retention;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Recording;

/// <summary>
/// Erases recordings by plan (Media's <see cref="RetentionPlanner"/> decides; legal holds are honoured there), then
/// marks each Interaction and writes one <see cref="RecordingErasure"/> audit row per file. The database is the
/// source of the candidates because the legal hold and the department live there.
/// </summary>
public sealed partial class RecordingEraser(
    RetentionExecutor executor, RecordingStorageLayout layout, TimeProvider time, ILogger<RecordingEraser> logger)
{
    /// <summary>The candidates: recordings linked to an Interaction and not erased yet, among <paramref name="interactions"/>.</summary>
    public static async Task<List<(long InteractionId, long? ClientId, string Sha256, RetentionCandidate Candidate)>> CandidatesAsync(
        IQueryable<Interaction> interactions, CancellationToken cancellationToken)
    {
        var rows = await interactions
            .Where(i => i.RecordingKey != null && i.RecordingErasedAt == null)
            .Select(i => new { i.Id, i.ClientId, i.CallKey, i.DepartmentId, i.OfferedAt, i.RecordingLegalHold, i.RecordingSha256 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.Id, r.ClientId, r.RecordingSha256 ?? "",
            new RetentionCandidate(r.CallKey, r.DepartmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.OfferedAt, r.RecordingLegalHold))).ToList();
    }

    /// <summary>Carries out <paramref name="plan"/>; returns the ids of the Interactions whose recording is gone.</summary>
    public async Task<IReadOnlyList<long>> EraseAsync(CrmDbContext db, RetentionPlan plan,
        IReadOnlyDictionary<string, (long InteractionId, long? ClientId, string Sha256)> byCallKey, long? requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(byCallKey);
        await executor.ExecuteAsync(plan, requestedBy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "retention", cancellationToken)
            .ConfigureAwait(false);
        var now = time.GetUtcNow();
        var erased = new List<long>();
        foreach (var item in plan.Erase)
        {
            var (interactionId, clientId, sha) = byCallKey[item.CallKey];
            // The executor deletes what the job journal knows as done; a file it skipped (journal lost) goes too.
            var key = await db.Interactions.Where(i => i.Id == interactionId).Select(i => i.RecordingKey).FirstAsync(cancellationToken).ConfigureAwait(false);
            File.Delete(layout.FullPath(key!));
            await db.Interactions.Where(i => i.Id == interactionId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RecordingErasedAt, now), cancellationToken).ConfigureAwait(false);
            db.RecordingErasures.Add(new RecordingErasure
            {
                InteractionId = interactionId, ClientId = clientId, CallKey = item.CallKey, Reason = item.Reason.ToString(),
                RequestedById = requestedBy, At = now, Sha256 = sha,
            });
            erased.Add(interactionId);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (erased.Count > 0)
        {
            LogErased(erased.Count, requestedBy);
        }

        return erased;
    }

    [LoggerMessage(EventId = 6120, Level = LogLevel.Warning, Message = "{Count} recording(s) erased; requested by user {RequestedBy} (none: retention)")]
    private partial void LogErased(int count, long? requestedBy);
}
