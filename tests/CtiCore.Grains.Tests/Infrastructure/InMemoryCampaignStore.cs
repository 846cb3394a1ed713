using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Ports;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>The campaign port in memory, for grain tests; hands out copies so the grain cannot change the test's objects behind its back.</summary>
public sealed class InMemoryCampaignStore(InMemoryCrm crm) : ICampaignStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Campaign> _campaigns = [];
    private readonly Dictionary<long, DialListEntry> _entries = [];
    private readonly List<DoNotCallEntry> _doNotCall = [];
    private readonly Dictionary<string, DateTimeOffset> _abandonsElsewhere = [];
    private long _nextEntryId;

    public void AddCampaign(Campaign campaign)
    {
        lock (_gate)
        {
            _campaigns[campaign.Id] = campaign;
        }
    }

    public DialListEntry AddEntry(long campaignId, string e164, string? timeZone = "Europe/Moscow", long? clientId = null)
    {
        lock (_gate)
        {
            var entry = new DialListEntry { Id = ++_nextEntryId + (campaignId * 1000), CampaignId = campaignId, E164 = e164, OriginalText = e164, TimeZone = timeZone, ClientId = clientId };
            _entries[entry.Id] = entry;
            return Copy(entry);
        }
    }

    public DialListEntry Entry(long id)
    {
        lock (_gate)
        {
            return Copy(_entries[id]);
        }
    }

    public CampaignState StateOf(long campaignId)
    {
        lock (_gate)
        {
            return _campaigns[campaignId].State;
        }
    }

    public void AddDoNotCall(string e164, long? campaignId)
    {
        lock (_gate)
        {
            _doNotCall.Add(new DoNotCallEntry { E164 = e164, CampaignId = campaignId });
        }
    }

    public IReadOnlyList<DoNotCallEntry> DoNotCallEntries
    {
        get
        {
            lock (_gate)
            {
                return [.. _doNotCall];
            }
        }
    }

    /// <summary>An abandon of the number by another campaign.</summary>
    public void AbandonedElsewhere(string e164, DateTimeOffset at)
    {
        lock (_gate)
        {
            _abandonsElsewhere[e164] = at;
        }
    }

    public Task<Campaign?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.TryGetValue(campaignId, out var c) ? Copy(c) : null);
        }
    }

    public Task SetCampaignStateAsync(long campaignId, CampaignState state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _campaigns[campaignId].State = state;
        }

        return Task.CompletedTask;
    }

    public Task SetPacingAsync(long campaignId, PacingMode pacing, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _campaigns[campaignId].Pacing = pacing;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DialCandidate>> GetDialCandidatesAsync(long campaignId, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DialCandidate>>(_entries.Values
                .Where(e => e.CampaignId == campaignId && e.State == DialListEntryState.Pending && (e.NextAttemptAt is null || e.NextAttemptAt <= now))
                .OrderBy(e => e.NextAttemptAt ?? DateTimeOffset.MinValue).ThenBy(e => e.Id)
                .Take(limit)
                .Select(e => new DialCandidate(Copy(e), null, _abandonsElsewhere.TryGetValue(e.E164, out var at) ? at : null))
                .ToList());
        }
    }

    public Task<DialListEntry?> GetEntryAsync(long entryId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(entryId, out var e) ? Copy(e) : null);
        }
    }

    public Task SaveEntryAsync(DialListEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries[entry.Id] = Copy(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DialListEntry>> GetDialingEntriesAsync(long campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DialListEntry>>(_entries.Values
                .Where(e => e.CampaignId == campaignId && e.State == DialListEntryState.Dialing).Select(Copy).ToList());
        }
    }

    public Task<IReadOnlyList<DoNotCallEntry>> GetDoNotCallAsync(long campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DoNotCallEntry>>(_doNotCall.Where(d => d.CampaignId is null || d.CampaignId == campaignId).ToList());
        }
    }

    public Task AddDoNotCallAsync(DoNotCallEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_doNotCall.Any(d => d.E164 == entry.E164 && d.CampaignId == entry.CampaignId))
            {
                _doNotCall.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task SetInteractionDispositionAsync(string callKey, string disposition, CancellationToken cancellationToken)
    {
        crm.InteractionOf(callKey)?.Disposition = disposition;
        return Task.CompletedTask;
    }

    private static DialListEntry Copy(DialListEntry e) => new()
    {
        Id = e.Id, CampaignId = e.CampaignId, E164 = e.E164, OriginalText = e.OriginalText, Name = e.Name, ClientId = e.ClientId,
        Region = e.Region, TimeZone = e.TimeZone, State = e.State, Attempts = e.Attempts, NextAttemptAt = e.NextAttemptAt,
        LastAttemptAt = e.LastAttemptAt, LastOutcome = e.LastOutcome, LastDisposition = e.LastDisposition,
        LastAbandonedAt = e.LastAbandonedAt, SourceLine = e.SourceLine, CreatedAt = e.CreatedAt,
    };

    private static Campaign Copy(Campaign c) => new()
    {
        Id = c.Id, Name = c.Name, DepartmentId = c.DepartmentId, AgentIds = [.. c.AgentIds], State = c.State, CallerId = c.CallerId,
        CallingWindows = [.. c.CallingWindows], MaxAttempts = c.MaxAttempts, RetryRules = [.. c.RetryRules],
        DefaultRetryDelay = c.DefaultRetryDelay, Dispositions = [.. c.Dispositions], Scripts = [.. c.Scripts], Pacing = c.Pacing,
        AbandonCap = c.AbandonCap, CreatedAt = c.CreatedAt, DetectAnsweringMachine = c.DetectAnsweringMachine,
    };
}
