using CtiCore.Data.Crm;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;

namespace CtiCore.Data.Tests.Crm;

public sealed class EfCampaignStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteCrmFixture _db = new();
    private readonly EfCampaignStore _store;

    public EfCampaignStoreTests() => _store = new EfCampaignStore(_db);

    [Fact]
    public async Task Candidates_are_the_due_pending_entries_with_client_zone_and_abandons_in_other_campaigns()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await _db.AddAsync(new Client { Name = "Romashka", TimeZone = "Asia/Yekaterinburg" });
        var campaign = await _db.AddAsync(new Campaign { Name = "Spring", CreatedAt = Now });
        var other = await _db.AddAsync(new Campaign { Name = "Winter", CreatedAt = Now });
        var due = await _db.AddAsync(Entry(campaign.Id, "+74951000001", client.Id));
        var later = await _db.AddAsync(Entry(campaign.Id, "+74951000002", next: Now.AddHours(1)));
        await _db.AddAsync(Entry(campaign.Id, "+74951000003", state: DialListEntryState.Completed));
        var retryDue = await _db.AddAsync(Entry(campaign.Id, "+74951000004", next: Now.AddMinutes(-5)));
        await _db.AddAsync(Entry(other.Id, "+74951000004", abandonedAt: Now.AddHours(-10)));

        var candidates = await _store.GetDialCandidatesAsync(campaign.Id, Now, 10, ct);

        Assert.Equal([due.Id, retryDue.Id], candidates.Select(c => c.Entry.Id).Order());
        Assert.DoesNotContain(candidates, c => c.Entry.Id == later.Id);
        Assert.Equal("Asia/Yekaterinburg", candidates.Single(c => c.Entry.Id == due.Id).ClientTimeZone);
        Assert.Equal(Now.AddHours(-10), candidates.Single(c => c.Entry.Id == retryDue.Id).NumberLastAbandonedAt);
        Assert.Null(candidates.Single(c => c.Entry.Id == due.Id).NumberLastAbandonedAt);
    }

    [Fact]
    public async Task Entries_state_do_not_call_and_dispositions_round_trip()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = await _db.AddAsync(new Campaign { Name = "Spring", CreatedAt = Now });
        var entry = await _db.AddAsync(Entry(campaign.Id, "+74951000001"));

        entry.State = DialListEntryState.Dialing;
        await _store.SaveEntryAsync(entry, ct);
        Assert.Equal(entry.Id, Assert.Single(await _store.GetDialingEntriesAsync(campaign.Id, ct)).Id);
        await _store.SetCampaignStateAsync(campaign.Id, CampaignState.Running, ct);
        await _store.SetPacingAsync(campaign.Id, PacingMode.Predictive, ct);
        var loaded = await _store.GetCampaignAsync(campaign.Id, ct);
        Assert.Equal((CampaignState.Running, PacingMode.Predictive), (loaded!.State, loaded.Pacing));

        await _store.AddDoNotCallAsync(new DoNotCallEntry { E164 = "+74951000009", CampaignId = campaign.Id, AddedAt = Now }, ct);
        await _store.AddDoNotCallAsync(new DoNotCallEntry { E164 = "+74951000009", CampaignId = campaign.Id, AddedAt = Now }, ct);
        await _store.AddDoNotCallAsync(new DoNotCallEntry { E164 = "+74951000008", AddedAt = Now }, ct);
        Assert.Equal(2, (await _store.GetDoNotCallAsync(campaign.Id, ct)).Count);

        await _db.AddAsync(new Interaction { CallKey = "cmp-1-1-1", OfferedAt = Now, CampaignId = campaign.Id });
        await _store.SetInteractionDispositionAsync("cmp-1-1-1", "sale", ct);
        await using var db = _db.CreateDbContext();
        Assert.Equal("sale", db.Interactions.Single().Disposition);
    }

    public void Dispose() => _db.Dispose();

    private static DialListEntry Entry(long campaignId, string e164, long? clientId = null, DateTimeOffset? next = null,
        DialListEntryState state = DialListEntryState.Pending, DateTimeOffset? abandonedAt = null) => new()
    {
        CampaignId = campaignId, E164 = e164, OriginalText = e164, ClientId = clientId, NextAttemptAt = next, State = state,
        LastAbandonedAt = abandonedAt, CreatedAt = Now,
    };
}
