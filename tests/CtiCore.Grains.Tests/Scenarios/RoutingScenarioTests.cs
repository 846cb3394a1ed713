using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

[Collection(InMemoryClusterGroup.Name)]
public sealed class RoutingScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private InMemoryCrm Crm => cluster.Crm;

    [Fact]
    public async Task A_new_caller_gets_a_card_and_goes_to_the_least_loaded_agent()
    {
        var settings = RoutingSettings.Default with { WrapUpSeconds = 0 };
        Crm.AddDepartment(10, "Sales", settings, DidOf(10));
        Crm.AddAgent(1001, "Ivanova", 10);
        Crm.AddAgent(1002, "Petrov", 10);
        await cluster.Agent(1001).LogInAsync();
        await cluster.Agent(1002).LogInAsync();

        // Ivanova takes a first call, so Petrov (no call yet) has idled longest.
        var first = new CallScript("new-caller-1", World);
        await PublishAsync(first.Offered("+79990000001", DidOf(10)));
        await AnswerAsync(first, 1001);
        await PublishAsync(first.Ended());
        await RouterSeesAsync(10, 1001, AgentStatus.Available);

        var call = new CallScript("new-caller-2", World);
        await PublishAsync(call.Offered("8 (999) 000-00-02", DidOf(10)));

        var view = await RingingAsync(call.CallId, 1002);
        var card = Crm.ClientOf("+79990000002");
        Assert.NotNull(card);
        Assert.Equal("New caller +79990000002", card.Name);
        Assert.Equal(card.ClientId, view.Caller.ClientId);
        Assert.True(view.Caller.CreatedNow);
        Assert.Equal("new caller → longest idle: Petrov", Assert.Single(view.Decisions).Reason);
        var route = Assert.Single(World.Commands.Of<RouteToEndpointCommand>(call.CallId));
        Assert.Equal("PJSIP/1002", route.Endpoint);
        Assert.Equal(call.CallId, route.Pbx.LinkedId);

        await AnswerAsync(call, 1002);
        World.Time.Advance(TimeSpan.FromSeconds(42));
        await PublishAsync(call.Ended());

        var logged = Crm.InteractionOf(call.CallId);
        Assert.NotNull(logged);
        Assert.Equal(CallOutcome.Answered, logged.Outcome);
        Assert.Equal(card.ClientId, logged.ClientId);
        Assert.Equal(1002, logged.AgentId);
        Assert.Equal(10, logged.DepartmentId);
        Assert.Equal(42, logged.TalkSeconds);
        Assert.Equal("+79990000002", logged.FromNumber);
        Assert.Equal("new caller → longest idle: Petrov", logged.RoutingReason);
    }

    [Fact]
    public async Task A_returning_caller_goes_to_the_responsible_manager_or_else_to_the_last_one_who_answered()
    {
        Crm.AddDepartment(20, "Sales", RoutingSettings.Default with { WrapUpSeconds = 0 }, DidOf(20));
        Crm.AddAgent(2001, "Ivanova", 20);
        Crm.AddAgent(2002, "Petrov", 20);
        Crm.AddAgent(2003, "Sidorov", 20);
        foreach (var id in new long[] { 2001, 2002, 2003 })
        {
            await cluster.Agent(id).LogInAsync();
        }

        Crm.AddClient("+79990000021", "Romashka", responsibleManagerId: 2003);
        var regular = Crm.AddClient("+79990000022", "Vasilek");
        Crm.AddPastCall("past-22", regular.ClientId, 2002, World.Time.GetUtcNow().AddDays(-5));

        var toResponsible = new CallScript("returning-1", World);
        await PublishAsync(toResponsible.Offered("+79990000021", DidOf(20)));
        var responsibleView = await RingingAsync(toResponsible.CallId, 2003);
        Assert.Equal(RoutingRule.ResponsibleManager, responsibleView.Decisions[0].Rule);
        Assert.Equal("responsible manager: Sidorov", responsibleView.Decisions[0].Reason);

        var toLast = new CallScript("returning-2", World);
        await PublishAsync(toLast.Offered("+79990000022", DidOf(20)));
        var lastView = await RingingAsync(toLast.CallId, 2002);
        Assert.Equal("relationship manager: Petrov", lastView.Decisions[0].Reason);

        // The responsible manager is now busy ringing: the next call of their client says so and moves on.
        var whileBusy = new CallScript("returning-3", World);
        await PublishAsync(whileBusy.Offered("+79990000021", DidOf(20)));
        var busyView = await RingingAsync(whileBusy.CallId, 2001);
        Assert.Equal("responsible manager Sidorov busy → longest idle: Ivanova", busyView.Decisions[0].Reason);
    }

    [Fact]
    public async Task A_new_caller_who_calls_again_reaches_the_agent_who_answered_them()
    {
        Crm.AddDepartment(25, "Sales", RoutingSettings.Default with { WrapUpSeconds = 0 }, DidOf(25));
        Crm.AddAgent(2501, "Ivanova", 25);
        Crm.AddAgent(2502, "Petrov", 25);
        await cluster.Agent(2501).LogInAsync();
        await cluster.Agent(2502).LogInAsync();

        var first = new CallScript("again-1", World);
        await PublishAsync(first.Offered("+79990000025", DidOf(25)));
        await AnswerAsync(first, 2501);
        await PublishAsync(first.Ended());
        await RouterSeesAsync(25, 2501, AgentStatus.Available);

        // By longest idle Petrov is next, but the caller now has a relationship with Ivanova.
        var second = new CallScript("again-2", World);
        await PublishAsync(second.Offered("+79990000025", DidOf(25)));

        var view = await RingingAsync(second.CallId, 2501);
        Assert.False(view.Caller.CreatedNow);
        Assert.Equal("relationship manager: Ivanova", view.Decisions[0].Reason);
    }

    [Fact]
    public async Task An_absent_responsible_manager_is_replaced_by_the_substitute()
    {
        Crm.AddDepartment(30, "Sales", RoutingSettings.Default, DidOf(30));
        Crm.AddAgent(3001, "Ivanova", 30);
        Crm.AddAgent(3002, "Petrov", 30);
        Crm.AddAgent(3003, "Sidorov", 30);
        var now = World.Time.GetUtcNow();
        Crm.AddAbsence(new AbsencePeriod { AgentId = 3001, From = now.AddDays(-1), To = now.AddDays(7), SubstituteAgentId = 3003 });
        await cluster.Agent(3002).LogInAsync();
        await cluster.Agent(3003).LogInAsync();
        Crm.AddClient("+79990000031", "Romashka", responsibleManagerId: 3001);

        var call = new CallScript("absent-1", World);
        await PublishAsync(call.Offered("+79990000031", DidOf(30)));

        var view = await RingingAsync(call.CallId, 3003);
        Assert.Equal(RoutingRule.Substitute, view.Decisions[0].Rule);
        Assert.Equal("responsible manager Ivanova absent → substitute: Sidorov", view.Decisions[0].Reason);
    }

    [Fact]
    public async Task When_everyone_is_busy_calls_queue_and_are_offered_in_order_as_the_agent_frees_up()
    {
        Crm.AddDepartment(40, "Sales", RoutingSettings.Default with { WrapUpSeconds = 30, MaxQueueWaitSeconds = 3600 }, DidOf(40));
        Crm.AddAgent(4001, "Ivanova", 40);
        await cluster.Agent(4001).LogInAsync();
        Crm.AddClient("+79990000044", "Known LLC");
        Crm.AddClient("+79990000045", "Big LLC", vip: true);

        var busy = new CallScript("queue-0", World);
        await PublishAsync(busy.Offered("+79990000040", DidOf(40)));
        await AnswerAsync(busy, 4001);

        var unknown1 = new CallScript("queue-1", World);
        var unknown2 = new CallScript("queue-2", World);
        var known = new CallScript("queue-3", World);
        var vip = new CallScript("queue-4", World);
        await PublishAsync(unknown1.Offered("+79990000041", DidOf(40)));
        World.Time.Advance(TimeSpan.FromSeconds(1));
        await PublishAsync(unknown2.Offered("+79990000042", DidOf(40)));
        World.Time.Advance(TimeSpan.FromSeconds(1));
        await PublishAsync(known.Offered("+79990000044", DidOf(40)));
        World.Time.Advance(TimeSpan.FromSeconds(1));
        await PublishAsync(vip.Offered("+79990000045", DidOf(40)));

        var router = await cluster.Router(40).GetViewAsync();
        Assert.Equal(["queue-4", "queue-3", "queue-1", "queue-2"], router.Queue.Select(q => q.CallId));
        var queued = await ViewOf(unknown1.CallId);
        Assert.True(queued.IsQueued);
        Assert.Equal("new caller → nobody available → queue", queued.Decisions[0].Reason);

        // Ivanova hangs up, wraps up for 30 s, and the VIP is offered the moment she is free.
        await PublishAsync(busy.Ended());
        Assert.Equal(AgentStatus.WrapUp, (await cluster.Agent(4001).GetViewAsync()).Status);
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(vip.CallId));
        World.Time.Advance(TimeSpan.FromSeconds(30));

        foreach (var next in new[] { vip, known, unknown1, unknown2 })
        {
            var view = await RingingAsync(next.CallId, 4001);
            Assert.StartsWith("queued ", view.Decisions[^1].Reason, StringComparison.Ordinal);
            await AnswerAsync(next, 4001);
            await PublishAsync(next.Ended());
            World.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Empty((await cluster.Router(40).GetViewAsync()).Queue);
        Assert.All(new[] { vip, known, unknown1, unknown2 }, c => Assert.Equal(CallOutcome.Answered, Crm.InteractionOf(c.CallId)?.Outcome));
    }

    [Fact]
    public async Task Ring_no_answer_moves_to_the_next_agent_and_pauses_the_one_who_missed_it()
    {
        Crm.AddDepartment(50, "Sales", RoutingSettings.Default with { RingTimeoutSeconds = 20, MaxQueueWaitSeconds = 60, OverflowAction = OverflowAction.Voicemail }, DidOf(50));
        Crm.AddAgent(5001, "Ivanova", 50);
        Crm.AddAgent(5002, "Petrov", 50);
        await cluster.Agent(5001).LogInAsync();
        await cluster.Agent(5002).LogInAsync();

        var call = new CallScript("rna-1", World);
        await PublishAsync(call.Offered("+79990000051", DidOf(50)));
        await RingingAsync(call.CallId, 5001);
        await PublishAsync(call.Ringing(Endpoint(5001)));

        World.Time.Advance(TimeSpan.FromSeconds(20));

        var view = await RingingAsync(call.CallId, 5002);
        Assert.Equal([5001L, 5002L], view.AlreadyTried);
        Assert.Equal("new caller → longest idle: Petrov", view.Decisions[1].Reason);
        var ivanova = await Eventually.Until(() => cluster.Agent(5001).GetViewAsync(), a => a.Status == AgentStatus.Paused, "Ivanova auto-paused");
        Assert.Equal("Missed call", ivanova.PauseReason);
        Assert.Equal(1, ivanova.MissedCallsToday);
        Assert.Equal(["PJSIP/5001", "PJSIP/5002"], World.Commands.Of<RouteToEndpointCommand>(call.CallId).Select(c => c.Endpoint));

        // Petrov misses it too; Ivanova comes back, but she is never rung twice for one call: it waits, then overflows.
        World.Time.Advance(TimeSpan.FromSeconds(20));
        await Eventually.Until(() => ViewOf(call.CallId), v => v.IsQueued, "call queued after both missed");
        await cluster.Agent(5001).ResumeAsync();
        await RouterSeesAsync(50, 5001, AgentStatus.Available);
        Assert.Equal(2, World.Commands.Of<RouteToEndpointCommand>(call.CallId).Count);

        World.Time.Advance(TimeSpan.FromSeconds(60));
        var transfer = await Eventually.Until(
            () => Task.FromResult(World.Commands.Of<TransferCommand>(call.CallId)), t => t.Count == 1, "overflow to voicemail");
        Assert.Equal(TransferDestinationKind.Voicemail, transfer[0].DestinationKind);
        await PublishAsync(call.Ended(CallEndCause.CallerHungUp));

        var logged = Crm.InteractionOf(call.CallId);
        Assert.Equal(CallOutcome.Voicemail, logged?.Outcome);
        Assert.Null(logged?.AgentId);
        Assert.Equal(
            "new caller → longest idle: Ivanova; new caller → longest idle: Petrov; new caller → nobody available → queue; waited 60 s in queue → overflow: voicemail",
            logged?.RoutingReason);
    }

    [Fact]
    public async Task A_phone_that_refuses_moves_the_call_on_at_once_and_a_late_refusal_changes_nothing()
    {
        Crm.AddDepartment(51, "Sales", RoutingSettings.Default with { RingTimeoutSeconds = 300 }, DidOf(51));
        Crm.AddAgent(5101, "Ivanova", 51);
        Crm.AddAgent(5102, "Petrov", 51);
        await cluster.Agent(5101).LogInAsync();
        await cluster.Agent(5102).LogInAsync();

        var call = new CallScript("refused-1", World);
        await PublishAsync(call.Offered("+79990000052", DidOf(51)));
        await RingingAsync(call.CallId, 5101);
        await PublishAsync(call.Ringing(Endpoint(5101)));

        // No time passes: only the refusal can move the call (the ring timeout is 300 s away).
        var busy = call.Next<CallRingFailed>() with { Endpoint = Endpoint(5101), Cause = CallEndCause.Busy, PbxCauseCode = 486 };
        await PublishAsync(busy);
        var view = await RingingAsync(call.CallId, 5102);
        Assert.Equal([5101L, 5102L], view.AlreadyTried);

        // A repeated or late report about Ivanova's phone does not take the call away from Petrov's.
        await PublishAsync(busy);
        await PublishAsync(call.Next<CallRingFailed>() with { Endpoint = Endpoint(5101), Cause = CallEndCause.NoAnswer, PbxCauseCode = 408 });
        Assert.Equal(5102, (await ViewOf(call.CallId)).RingingAgentId);
        Assert.Equal(2, World.Commands.Of<RouteToEndpointCommand>(call.CallId).Count);
    }
}
