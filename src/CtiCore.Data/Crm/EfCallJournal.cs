using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>
/// The call log on the CRM database. Exactly-once rests on the unique index on <see cref="Interaction.CallKey"/>:
/// a repeat or a racing second writer loses at the index and then finds the stored row.
/// </summary>
public sealed class EfCallJournal(IDbContextFactory<CrmDbContext> contexts) : ICallJournal
{
    public async Task<long> RecordInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);

        // Insert first: a call is logged once in all but a crash-and-retry, so the unique index, not a look-up
        // before every insert, catches the repeat.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Interactions.Add(interaction);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return interaction.Id;
        }
        catch (DbUpdateException)
        {
            // The call was logged already (a retry, or another writer first); anything else is a real failure.
            if (await FindInteractionIdAsync(interaction.CallKey, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    public async Task RecordTransferAsync(CallTransfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (await UpdateTransferTargetAsync(transfer, cancellationToken))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.CallTransfers.Add(transfer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another writer stored the same hand-over between our check and our insert; anything else is a real failure.
            if (!await UpdateTransferTargetAsync(transfer, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> UpdateTransferTargetAsync(CallTransfer transfer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.CallTransfers
            .Where(t => t.CallKey == transfer.CallKey && t.Position == transfer.Position)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ToAgentId, transfer.ToAgentId), cancellationToken);
        return stored > 0;
    }

    public async Task AttachRecordingAsync(string callKey, string recordingRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(callKey);
        ArgumentException.ThrowIfNullOrEmpty(recordingRef);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Interactions
            .Where(i => i.CallKey == callKey)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RecordingRef, recordingRef), cancellationToken);
    }

    public async Task<long> CreateFollowUpTaskAsync(FollowUpTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (task.InteractionId is { } interactionId)
        {
            var existing = await db.Tasks.AsNoTracking()
                .Where(t => t.InteractionId == interactionId && t.OwnerId == task.OwnerId)
                .Select(t => (long?)t.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return id;
            }
        }

        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return task.Id;
    }

    // Compiled once: asked after every failed insert.
    private static readonly Func<CrmDbContext, string, CancellationToken, Task<long?>> InteractionIdByCallKey = EF.CompileAsyncQuery(
        (CrmDbContext db, string callKey, CancellationToken _) => db.Interactions.AsNoTracking()
            .Where(i => i.CallKey == callKey)
            .Select(i => (long?)i.Id)
            .FirstOrDefault());

    private async Task<long?> FindInteractionIdAsync(string callKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await InteractionIdByCallKey(db, callKey, cancellationToken);
    }
}
