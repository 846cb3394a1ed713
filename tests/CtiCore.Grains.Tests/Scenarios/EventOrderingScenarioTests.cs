using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

[Collection(InMemoryClusterGroup.Name)]
public sealed class EventOrderingScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private InMemoryCrm Crm => cluster.Crm;

    [Fact]
    public async Task Duplicated_and_reordered_events_give_one_interaction_and_the_right_states()
    {
        Crm.AddDepartment(60, "Sales", RoutingSettings.Default with { WrapUpSeconds = 30 }, DidOf(60));
        Crm.AddAgent(6001, "Ivanova", 60);
        await cluster.Agent(6001).LogInAsync();

        var call = new CallScript("dup-1", World);
        var offered = call.Offered("+79990000061", DidOf(60));
        await PublishAsync(offered);
        Assert.Equal(EventDisposition.Duplicate, await cluster.Call(call.CallId).HandleAsync(offered));
        await RingingAsync(call.CallId, 6001);
        var ringing = call.Ringing(Endpoint(6001));
        var answered = call.Answered(Endpoint(6001));
        await PublishAsync(answered);
        Assert.Equal(EventDisposition.Stale, await cluster.Call(call.CallId).HandleAsync(ringing));
        Assert.Equal(EventDisposition.Duplicate, await cluster.Call(call.CallId).HandleAsync(answered));
        Assert.Equal(AgentStatus.OnCall, (await cluster.Agent(6001).GetViewAsync()).Status);

        World.Time.Advance(TimeSpan.FromSeconds(10));
        var ended = call.Ended();
        await PublishAsync(ended);
        Assert.Equal(EventDisposition.Duplicate, await cluster.Call(call.CallId).HandleAsync(ended));
        Assert.Equal(EventDisposition.AfterEnd, await cluster.Call(call.CallId).HandleAsync(call.Ended(CallEndCause.CallerHungUp)));
        Assert.Equal(EventDisposition.AfterEnd, await cluster.Call(call.CallId).HandleAsync(call.Answered(Endpoint(6001))));

        var view = await ViewOf(call.CallId);
        Assert.Equal(CallStage.Ended, view.Stage);
        Assert.Equal(6, view.IgnoredEvents);
        Assert.Equal(1, Crm.JournalWritesOf(call.CallId));
        var logged = Assert.Single(Crm.Interactions, i => i.CallKey == call.CallId);
        Assert.Equal(CallOutcome.Answered, logged.Outcome);
        Assert.Equal(10, logged.TalkSeconds);

        // The agent counted the call once and wraps up, then is available again.
        var agent = await cluster.Agent(6001).GetViewAsync();
        Assert.Equal(AgentStatus.WrapUp, agent.Status);
        Assert.Equal(1, agent.Snapshot.CallsToday);
        Assert.Equal(10, agent.Snapshot.TalkSecondsToday);
        World.Time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.Until(() => cluster.Agent(6001).GetViewAsync(), a => a.Status == AgentStatus.Available, "wrap-up over");
        Assert.Equal(1, (await cluster.Agent(6001).GetViewAsync()).Snapshot.CallsToday);
    }

    [Fact]
    public async Task A_hang_up_delivered_before_the_answer_leaves_an_abandoned_call_a_free_agent_and_a_call_back_task()
    {
        Crm.AddDepartment(61, "Sales", RoutingSettings.Default with { MissedCallTaskDueMinutes = 15 }, DidOf(61));
        Crm.AddAgent(6101, "Ivanova", 61);
        Crm.AddAgent(6102, "Petrov", 61);
        await cluster.Agent(6102).LogInAsync();
        var client = Crm.AddClient("+79990000062", "Romashka", responsibleManagerId: 6101);

        var call = new CallScript("dup-2", World);
        await PublishAsync(call.Offered("+79990000062", DidOf(61)));
        await RingingAsync(call.CallId, 6102);
        var lateAnswer = call.Answered(Endpoint(6102));
        World.Time.Advance(TimeSpan.FromSeconds(8));
        await PublishAsync(call.Ended(CallEndCause.CallerHungUp));
        Assert.Equal(EventDisposition.AfterEnd, await cluster.Call(call.CallId).HandleAsync(lateAnswer));

        Assert.Equal(AgentStatus.Available, (await cluster.Agent(6102).GetViewAsync()).Status);
        var logged = Crm.InteractionOf(call.CallId);
        Assert.Equal(CallOutcome.Abandoned, logged?.Outcome);
        Assert.Equal(8, logged?.WaitSeconds);
        var task = Assert.Single(Crm.Tasks, t => t.InteractionId == logged!.Id);
        Assert.Equal(6101, task.OwnerId);
        Assert.Equal(client.ClientId, task.ClientId);
        Assert.Equal(World.Time.GetUtcNow().AddMinutes(15), task.DueAt);
        Assert.Contains("Romashka", task.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_outage_delays_the_interaction_but_never_loses_or_doubles_it()
    {
        Crm.AddDepartment(62, "Sales", RoutingSettings.Default, DidOf(62));
        Crm.AddAgent(6201, "Ivanova", 62);
        await cluster.Agent(6201).LogInAsync();
        var call = new CallScript("dup-3", World);
        await PublishAsync(call.Offered("+79990000063", DidOf(62)));
        await AnswerAsync(call, 6201);

        Crm.FailJournalWrites = 1;
        await PublishAsync(call.Ended());
        Assert.Null(Crm.InteractionOf(call.CallId));
        await PublishAsync(call.Ended());

        World.Time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.Until(() => Task.FromResult(Crm.InteractionOf(call.CallId)), i => i is not null, "retried journal write");
        Assert.Equal(2, Crm.JournalWritesOf(call.CallId));
        Assert.Single(Crm.Interactions, i => i.CallKey == call.CallId);
    }

    [Fact]
    public async Task The_recording_file_reported_after_the_hang_up_reaches_the_interaction()
    {
        Crm.AddDepartment(63, "Sales", RoutingSettings.Default, DidOf(63));
        Crm.AddAgent(6301, "Ivanova", 63);
        await cluster.Agent(6301).LogInAsync();
        var call = new CallScript("dup-4", World);
        await PublishAsync(call.Offered("+79990000064", DidOf(63)));
        await AnswerAsync(call, 6301);
        await PublishAsync(call.Next<RecordingStarted>() with { File = "/rec/dup-4.part" });
        await PublishAsync(call.Ended());

        await PublishAsync(call.Next<RecordingStopped>() with { File = "/rec/dup-4.ogg" });

        Assert.Equal("/rec/dup-4.ogg", Crm.InteractionOf(call.CallId)?.RecordingRef);
    }
}
