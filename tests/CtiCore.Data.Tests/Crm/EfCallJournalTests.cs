using CtiCore.Data.Crm;
using CtiCore.Domain.Crm;

namespace CtiCore.Data.Tests.Crm;

public sealed class EfCallJournalTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteCrmFixture _db = new();
    private readonly EfCallJournal _journal;

    public EfCallJournalTests() => _journal = new EfCallJournal(_db);

    [Fact]
    public async Task The_same_call_is_logged_once_however_often_it_is_written()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await _journal.RecordInteractionAsync(Call("call-1", "responsible manager: Ivanova"), ct);
        var again = await _journal.RecordInteractionAsync(Call("call-1", "a different reason"), ct);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _journal.RecordInteractionAsync(Call("call-2", "x"), ct))));

        Assert.Equal(first, again);
        Assert.Single(parallel.Distinct());
        await using var db = _db.CreateDbContext();
        var stored = Assert.Single(db.Interactions, i => i.CallKey == "call-1");
        Assert.Equal("responsible manager: Ivanova", stored.RoutingReason);
        Assert.Equal(2, db.Interactions.Count());
    }

    [Fact]
    public async Task A_recording_can_be_attached_after_the_call_was_logged()
    {
        var ct = TestContext.Current.CancellationToken;
        await _journal.RecordInteractionAsync(Call("call-3", "r"), ct);

        await _journal.AttachRecordingAsync("call-3", "/rec/call-3.ogg", ct);

        await using var db = _db.CreateDbContext();
        Assert.Equal("/rec/call-3.ogg", Assert.Single(db.Interactions).RecordingRef);
    }

    [Fact]
    public async Task A_follow_up_task_is_created_once_per_owner_and_interaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await _db.AddAsync(SqliteCrmFixture.Agent("Ivanova", null));
        var interactionId = await _journal.RecordInteractionAsync(Call("call-4", "r"), ct);

        var first = await _journal.CreateFollowUpTaskAsync(FollowUp(owner.Id, interactionId), ct);
        var again = await _journal.CreateFollowUpTaskAsync(FollowUp(owner.Id, interactionId), ct);

        Assert.Equal(first, again);
        await using var db = _db.CreateDbContext();
        var task = Assert.Single(db.Tasks);
        Assert.Equal(Now.AddMinutes(15), task.DueAt);
        Assert.Equal(FollowUpTaskState.Open, task.State);
    }

    private static FollowUpTask FollowUp(long ownerId, long interactionId) => new()
    {
        Title = "Call back within 15 minutes",
        OwnerId = ownerId,
        InteractionId = interactionId,
        DueAt = Now.AddMinutes(15),
        CreatedAt = Now,
    };

    private static Interaction Call(string key, string reason) => new()
    {
        CallKey = key,
        OfferedAt = Now,
        EndedAt = Now.AddMinutes(1),
        Outcome = CallOutcome.Missed,
        RoutingReason = reason,
    };

    public void Dispose() => _db.Dispose();
}
