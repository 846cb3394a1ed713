using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>
/// The campaign grain's port on the CRM database. The candidate query is the dialer's hopper: one seek on
/// (campaign, state, next attempt), with the client's zone and the number's latest abandon in other campaigns
/// (index on E.164 + abandon time) read in the same statement.
/// </summary>
public sealed class EfCampaignStore(IDbContextFactory<CrmDbContext> contexts) : ICampaignStore
{
    public async Task<Campaign?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
    }

    public async Task SetCampaignStateAsync(long campaignId, CampaignState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no campaign {campaignId}.");
        campaign.State = state;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetPacingAsync(long campaignId, PacingMode pacing, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no campaign {campaignId}.");
        campaign.Pacing = pacing;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DialCandidate>> GetDialCandidatesAsync(long campaignId, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.DialListEntries.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.State == DialListEntryState.Pending && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Take(limit)
            .Select(e => new
            {
                Entry = e,
                ClientZone = db.Clients.Where(c => c.Id == e.ClientId).Select(c => c.TimeZone).FirstOrDefault(),
                LastAbandon = db.DialListEntries
                    .Where(o => o.E164 == e.E164 && o.CampaignId != campaignId && o.LastAbandonedAt != null)
                    .OrderByDescending(o => o.LastAbandonedAt)
                    .Select(o => o.LastAbandonedAt)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DialCandidate(r.Entry, r.ClientZone, r.LastAbandon))];
    }

    public async Task<DialListEntry?> GetEntryAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DialListEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
    }

    public async Task SaveEntryAsync(DialListEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.DialListEntries.Update(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DialListEntry>> GetDialingEntriesAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DialListEntries.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.State == DialListEntryState.Dialing)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DoNotCallEntry>> GetDoNotCallAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DoNotCall.AsNoTracking()
            .Where(d => d.CampaignId == null || d.CampaignId == campaignId)
            .ToListAsync(cancellationToken);
    }

    public async Task AddDoNotCallAsync(DoNotCallEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.DoNotCall.AnyAsync(d => d.E164 == entry.E164 && d.CampaignId == entry.CampaignId, cancellationToken))
        {
            db.DoNotCall.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task SetInteractionDispositionAsync(string callKey, string disposition, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Interactions
            .Where(i => i.CallKey == callKey)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Disposition, disposition), cancellationToken);
    }
}
