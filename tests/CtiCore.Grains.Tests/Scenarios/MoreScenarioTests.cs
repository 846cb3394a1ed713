using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

[Collection(InMemoryClusterGroup.Name)]
public sealed class MoreScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private InMemoryCrm Crm => cluster.Crm;

    [Fact]
    public async Task A_call_that_waits_too_long_overflows_to_the_configured_department()
    {
        Crm.AddDepartment(80, "Sales", RoutingSettings.Default with { MaxQueueWaitSeconds = 90, OverflowAction = OverflowAction.Department, OverflowDepartmentId = 81 }, DidOf(80));
        Crm.AddDepartment(81, "Support", RoutingSettings.Default, DidOf(81));
        Crm.AddAgent(8001, "Ivanova", 80);
        Crm.AddAgent(8101, "Kuznetsov", 81);
        await cluster.Agent(8101).LogInAsync();

        var call = new CallScript("overflow-1", World);
        await PublishAsync(call.Offered("+79990000081", DidOf(80)));
        Assert.True((await ViewOf(call.CallId)).IsQueued);

        World.Time.Advance(TimeSpan.FromSeconds(90));

        var view = await RingingAsync(call.CallId, 8101);
        Assert.Equal(81, view.DepartmentId);
        Assert.Equal("waited 90 s in queue → overflow: department Support", view.Decisions[1].Reason);
        Assert.Equal("new caller → longest idle: Kuznetsov", view.Decisions[2].Reason);
        Assert.Empty((await cluster.Router(80).GetViewAsync()).Queue);
    }

    [Fact]
    public async Task An_agent_whose_phone_is_unregistered_is_not_rung_until_it_is_back()
    {
        Crm.AddDepartment(82, "Sales", RoutingSettings.Default, DidOf(82));
        Crm.AddAgent(8201, "Ivanova", 82);
        Crm.AddAgent(8202, "Petrov", 82);
        await cluster.Agent(8201).LogInAsync();
        await cluster.Agent(8202).LogInAsync();
        var now = World.Time.GetUtcNow();

        await PublishAsync(new AgentDeviceStateChanged { EventId = "dev-1", Source = "test-pbx", Sequence = 1, OccurredAt = now, Endpoint = Endpoint(8201), State = DeviceState.Unavailable });
        await Eventually.Until(() => cluster.Router(82).GetViewAsync(), r => r.Agents.Any(a => a.AgentId == 8201 && !a.DeviceReachable), "router sees Ivanova unreachable");

        var call = new CallScript("device-1", World);
        await PublishAsync(call.Offered("+79990000082", DidOf(82)));
        await RingingAsync(call.CallId, 8202);

        // An older "unavailable" delivered late changes nothing; the newer "not in use" brings her back.
        await PublishAsync(new AgentDeviceStateChanged { EventId = "dev-3", Source = "test-pbx", Sequence = 3, OccurredAt = now, Endpoint = Endpoint(8201), State = DeviceState.NotInUse });
        await PublishAsync(new AgentDeviceStateChanged { EventId = "dev-2", Source = "test-pbx", Sequence = 2, OccurredAt = now, Endpoint = Endpoint(8201), State = DeviceState.Unavailable });
        Assert.Equal(DeviceState.NotInUse, (await cluster.Agent(8201).GetViewAsync()).DeviceState);
        await Eventually.Until(() => cluster.Router(82).GetViewAsync(), r => r.Agents.Any(a => a.AgentId == 8201 && a.CanTakeCall), "router sees Ivanova back");
    }

    [Fact]
    public async Task Malformed_events_are_refused_with_a_clear_error()
    {
        var noId = new CallEnded { Source = "test-pbx", CallId = "x" };
        var noCall = new CallEnded { EventId = "e1", Source = "test-pbx" };
        var noEndpoint = new AgentDeviceStateChanged { EventId = "e2", Source = "test-pbx" };

        Assert.Contains("EventId", (await Assert.ThrowsAsync<ArgumentException>(() => PublishAsync(noId))).Message, StringComparison.Ordinal);
        Assert.Contains("CallId", (await Assert.ThrowsAsync<ArgumentException>(() => PublishAsync(noCall))).Message, StringComparison.Ordinal);
        Assert.Contains("Endpoint", (await Assert.ThrowsAsync<ArgumentException>(() => PublishAsync(noEndpoint))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Call("y").HandleAsync(new CallEnded { EventId = "e3", Source = "s", CallId = "z" }));
    }

    [Fact]
    public async Task Click_to_call_rings_the_agent_first_and_a_failed_originate_is_logged_as_failed()
    {
        Crm.AddDepartment(83, "Sales", RoutingSettings.Default, DidOf(83));
        Crm.AddAgent(8301, "Ivanova", 83);
        await cluster.Agent(8301).LogInAsync();

        var view = await cluster.Call("out-1").StartOutboundAsync(8301, "8 (916) 123-45-67");

        Assert.Equal(CallDirection.Outbound, view.Direction);
        Assert.Equal(AgentStatus.Reserved, (await cluster.Agent(8301).GetViewAsync()).Status);
        var originate = Assert.Single(World.Commands.Of<OriginateCommand>("out-1"));
        Assert.Equal(("PJSIP/8301", "+79161234567"), (originate.AgentEndpoint, originate.Number));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Call("out-2").StartOutboundAsync(8301, "+79161234567"));

        var script = new CallScript("out-1", World);
        await PublishAsync(script.Next<OriginateResult>() with { CommandId = originate.CommandId, Succeeded = false, FailureReason = "agent phone offline" });

        Assert.Equal(AgentStatus.Available, (await cluster.Agent(8301).GetViewAsync()).Status);
        var logged = Crm.InteractionOf("out-1");
        Assert.Equal(CallOutcome.Failed, logged?.Outcome);
        Assert.Equal(CallDirection.Outbound, logged?.Direction);
        Assert.Equal("+79161234567", logged?.ToNumber);
    }

    [Fact]
    public async Task A_click_to_call_the_pbx_refuses_releases_the_agent_and_leaves_no_call_behind()
    {
        Crm.AddDepartment(85, "Sales", RoutingSettings.Default, DidOf(85));
        Crm.AddAgent(8501, "Ivanova", 85);
        await cluster.Agent(8501).LogInAsync();
        World.Commands.RefuseFor["out-refused"] = new InvalidOperationException("Your phone is not registered with the built-in PBX.");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Call("out-refused").StartOutboundAsync(8501, "+79161234567"));

        Assert.Contains("not registered", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Available, (await cluster.Agent(8501).GetViewAsync()).Status);
        var view = await cluster.Call("out-refused").GetViewAsync();
        Assert.Equal(CallStage.None, view.Stage);
        Assert.Null(view.RingingAgentId);
        Assert.Null(Crm.InteractionOf("out-refused"));
        World.Commands.RefuseFor.TryRemove("out-refused", out _);
        Assert.Equal(CallDirection.Outbound, (await cluster.Call("out-refused").StartOutboundAsync(8501, "+79161234567")).Direction);
    }

    [Fact]
    public async Task Click_to_call_to_an_internal_extension_dials_it_as_typed()
    {
        Crm.AddDepartment(86, "Sales", RoutingSettings.Default, DidOf(86));
        Crm.AddAgent(8601, "Ivanova", 86);
        await cluster.Agent(8601).LogInAsync();

        await cluster.Call("out-ext").StartOutboundAsync(8601, "3102");

        Assert.Equal("3102", Assert.Single(World.Commands.Of<OriginateCommand>("out-ext")).Number);
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Call("out-ext-bad").StartOutboundAsync(8601, "9"));
    }

    [Fact]
    public async Task Agent_state_machine_refuses_what_makes_no_sense_and_pauses_after_the_call_when_asked_during_it()
    {
        Crm.AddDepartment(84, "Sales", RoutingSettings.Default with { WrapUpSeconds = 15 }, DidOf(84));
        Crm.AddAgent(8401, "Ivanova", 84);
        var agent = cluster.Agent(8401);

        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.PauseAsync("lunch"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Agent(8499).LogInAsync());
        await agent.LogInAsync();
        var call = new CallScript("sm-1", World);
        await PublishAsync(call.Offered("+79990000084", DidOf(84)));
        await AnswerAsync(call, 8401);
        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.LogOutAsync());

        var during = await agent.PauseAsync("lunch");
        Assert.Equal(AgentStatus.OnCall, during.Status);
        Assert.Equal("lunch", during.PendingPauseReason);

        await PublishAsync(call.Ended());
        Assert.Equal(AgentStatus.WrapUp, (await agent.GetViewAsync()).Status);
        World.Time.Advance(TimeSpan.FromSeconds(15));
        var after = await Eventually.Until(() => agent.GetViewAsync(), a => a.Status != AgentStatus.WrapUp, "wrap-up over");
        Assert.Equal(AgentStatus.Paused, after.Status);
        Assert.Equal("lunch", after.PauseReason);
        Assert.Equal(AgentStatus.Available, (await agent.ResumeAsync()).Status);
        Assert.Equal(AgentStatus.LoggedOut, (await agent.LogOutAsync()).Status);
    }
}
