using CtiCore.Data.Crm;
using CtiCore.Domain.Crm;

namespace CtiCore.Data.Tests.Crm;

public sealed class EfCallerDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(3));
    private readonly SqliteCrmFixture _db = new();
    private readonly EfCallerDirectory _directory;

    public EfCallerDirectoryTests() => _directory = new EfCallerDirectory(_db);

    [Fact]
    public async Task A_client_is_found_by_its_own_number_or_a_contact_persons()
    {
        var manager = await _db.AddAsync(SqliteCrmFixture.Agent("Ivanova", null));
        var client = await _db.AddAsync(new Client
        {
            Name = "Romashka LLC",
            ResponsibleManagerId = manager.Id,
            Phones = [new PhoneNumber { E164 = "+74956601812", OriginalText = "8 (495) 660-18-12" }],
            Contacts = [new ContactPerson { Name = "Olga", Phones = [new PhoneNumber { E164 = "+79161234567", OriginalText = "+7 916 123-45-67" }] }],
        });

        var byOwn = await _directory.FindByNumberAsync("+74956601812", TestContext.Current.CancellationToken);
        var byContact = await _directory.FindByNumberAsync("+79161234567", TestContext.Current.CancellationToken);

        Assert.Equal(client.Id, byOwn?.ClientId);
        Assert.Equal(manager.Id, byOwn?.ResponsibleManagerId);
        Assert.Equal("Romashka LLC", byOwn?.Name);
        Assert.False(byOwn?.CreatedNow);
        Assert.Equal(client.Id, byContact?.ClientId);
        Assert.Null(await _directory.FindByNumberAsync("+70000000000", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("VIP", null, true)]
    [InlineData("vip", null, true)]
    [InlineData(null, "vip", true)]
    [InlineData("SMB", "wholesale", false)]
    public async Task Vip_comes_from_the_segment_or_a_tag(string? segment, string? tag, bool expected)
    {
        await _db.AddAsync(new Client
        {
            Name = "Client",
            Segment = segment,
            Tags = tag is null ? [] : [tag],
            Phones = [new PhoneNumber { E164 = "+74951112233", OriginalText = "+74951112233" }],
        });

        var found = await _directory.FindByNumberAsync("+74951112233", TestContext.Current.CancellationToken);

        Assert.Equal(expected, found?.IsVip);
    }

    [Fact]
    public async Task An_unknown_caller_gets_one_card_however_often_it_is_asked_for()
    {
        var first = await _directory.CreateForUnknownCallerAsync("+79990001122", Now, TestContext.Current.CancellationToken);
        var second = await _directory.CreateForUnknownCallerAsync("+79990001122", Now, TestContext.Current.CancellationToken);

        Assert.True(first.CreatedNow);
        Assert.False(second.CreatedNow);
        Assert.Equal(first.ClientId, second.ClientId);
        await using var db = _db.CreateDbContext();
        var card = Assert.Single(db.Clients, c => c.Id == first.ClientId);
        Assert.Equal("New caller +79990001122", card.Name);
        Assert.Equal("inbound call", card.Source);
        Assert.Equal(Now, card.CreatedAt);
        Assert.Single(db.PhoneNumbers, p => p.E164 == "+79990001122" && p.ClientId == first.ClientId);
    }

    [Fact]
    public async Task Concurrent_creation_for_one_number_yields_one_card()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => _directory.CreateForUnknownCallerAsync("+79990003344", Now, TestContext.Current.CancellationToken))));

        Assert.Single(attempts.Select(a => a.ClientId).Distinct());
        await using var db = _db.CreateDbContext();
        Assert.Single(db.PhoneNumbers, p => p.E164 == "+79990003344");
    }

    [Fact]
    public async Task The_last_answered_agent_is_the_latest_answered_call_inside_the_window()
    {
        var petrov = await _db.AddAsync(SqliteCrmFixture.Agent("Petrov", null));
        var sidorov = await _db.AddAsync(SqliteCrmFixture.Agent("Sidorov", null));
        var client = await _db.AddAsync(new Client { Name = "Client" });
        await _db.AddAsync(Call("old", client.Id, sidorov.Id, Now.AddDays(-100), answered: true));
        await _db.AddAsync(Call("a", client.Id, petrov.Id, Now.AddDays(-10), answered: true));
        await _db.AddAsync(Call("b", client.Id, sidorov.Id, Now.AddDays(-5), answered: true));
        await _db.AddAsync(Call("missed", client.Id, null, Now.AddDays(-1), answered: false));

        var last = await _directory.FindLastAnsweredAsync(client.Id, Now.AddDays(-90), TestContext.Current.CancellationToken);
        var narrow = await _directory.FindLastAnsweredAsync(client.Id, Now.AddDays(-3), TestContext.Current.CancellationToken);

        Assert.Equal(sidorov.Id, last?.AgentId);
        Assert.Equal(Now.AddDays(-5).AddSeconds(3), last?.AnsweredAt);
        Assert.Null(narrow);
    }

    private static Interaction Call(string key, long clientId, long? agentId, DateTimeOffset offeredAt, bool answered) => new()
    {
        CallKey = key,
        ClientId = clientId,
        AgentId = agentId,
        OfferedAt = offeredAt,
        AnsweredAt = answered ? offeredAt.AddSeconds(3) : null,
        EndedAt = offeredAt.AddMinutes(2),
        Outcome = answered ? CallOutcome.Answered : CallOutcome.Missed,
    };

    public void Dispose() => _db.Dispose();
}
