using CtiCore.Domain.Campaigns;

namespace CtiCore.Domain.Ports;

/// <summary>
/// What the campaign grain reads and writes in the CRM: the campaign, its dial list and the do-not-call lists.
/// Entry writes are last-writer-wins per entry; only the campaign's own grain writes its entries while it runs.
/// </summary>
public interface ICampaignStore
{
    Task<Campaign?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken);

    Task SetCampaignStateAsync(long campaignId, CampaignState state, CancellationToken cancellationToken);

    Task SetPacingAsync(long campaignId, PacingMode pacing, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> <see cref="DialListEntryState.Pending"/> entries whose next attempt is due at
    /// <paramref name="now"/> (or unset), oldest due first. Not a compliance check: the caller still asks
    /// <see cref="DialEligibility"/> about each.
    /// </summary>
    Task<IReadOnlyList<DialCandidate>> GetDialCandidatesAsync(long campaignId, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task<DialListEntry?> GetEntryAsync(long entryId, CancellationToken cancellationToken);

    Task SaveEntryAsync(DialListEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries in <see cref="DialListEntryState.Dialing"/> (left so by a crash), so a starting grain can put them back.</summary>
    Task<IReadOnlyList<DialListEntry>> GetDialingEntriesAsync(long campaignId, CancellationToken cancellationToken);

    /// <summary>The global do-not-call list and the campaign's own.</summary>
    Task<IReadOnlyList<DoNotCallEntry>> GetDoNotCallAsync(long campaignId, CancellationToken cancellationToken);

    /// <summary>Adds the number unless it is already on that list.</summary>
    Task AddDoNotCallAsync(DoNotCallEntry entry, CancellationToken cancellationToken);

    /// <summary>Sets the agent's disposition on the logged call (the agent picks it after the hang-up).</summary>
    Task SetInteractionDispositionAsync(string callKey, string disposition, CancellationToken cancellationToken);
}
