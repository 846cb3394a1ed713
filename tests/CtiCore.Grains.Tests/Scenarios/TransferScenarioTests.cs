using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>A transfer hands the call, the ringing state and the log to the agent who takes it.</summary>
[Collection(InMemoryClusterGroup.Name)]
public sealed class TransferScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private static readonly RoutingSettings Settings = RoutingSettings.Default with { WrapUpSeconds = 60 };

    private InMemoryCrm Crm => cluster.Crm;

    [Fact]
    public async Task The_transfer_target_is_reserved_then_on_call_and_finishes_the_call_while_the_first_agent_wraps_up()
    {
        var (first, target) = await StaffAsync(481);
        var call = new CallScript("xfer-to-agent", World);
        await AnsweredByAsync(call, 481, first);

        await PublishAsync(call.Next<CallTransferStarted>() with { Destination = Endpoint(target) });
        var ringing = await ViewOf(call.CallId);
        Assert.Equal(target, ringing.RingingAgentId);
        Assert.Equal(first, ringing.AnsweredAgentId);
        Assert.Equal(AgentStatus.Reserved, (await Cluster.Agent(target).GetViewAsync()).Status);
        Assert.Equal(AgentStatus.OnCall, (await Cluster.Agent(first).GetViewAsync()).Status); // still holds the caller

        await PublishAsync(call.Next<CallTransferred>() with { Destination = Endpoint(target) });
        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(first).GetViewAsync()).Status);
        var handedOver = Assert.Single(Crm.TransfersOf(call.CallId)); // journaled at once: the first agent may wrap up now
        Assert.Equal(first, handedOver.FromAgentId);
        Assert.Equal(target, handedOver.ToAgentId);

        World.Time.Advance(TimeSpan.FromSeconds(3));
        await PublishAsync(call.Answered(Endpoint(target)));
        var answered = await ViewOf(call.CallId);
        Assert.Equal(target, answered.AnsweredAgentId);
        Assert.Null(answered.RingingAgentId);
        Assert.Equal([first], answered.TransferredFromAgentIds);
        var targetView = await Cluster.Agent(target).GetViewAsync();
        Assert.Equal(AgentStatus.OnCall, targetView.Status);
        Assert.Equal(call.CallId, targetView.CurrentCallId);

        World.Time.Advance(TimeSpan.FromSeconds(30));
        await PublishAsync(call.Ended(CallEndCause.CallerHungUp));
        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(target).GetViewAsync()).Status);
        var logged = Crm.InteractionOf(call.CallId);
        Assert.NotNull(logged);
        Assert.Equal(CallOutcome.Answered, logged.Outcome);
        Assert.Equal(target, logged.AgentId);
        var chain = Assert.Single(Crm.TransfersOf(call.CallId));
        Assert.Equal((first, target, 1), (chain.FromAgentId, chain.ToAgentId, chain.Position));
    }

    [Fact]
    public async Task A_blind_transfer_reported_before_the_target_rings_reaches_the_same_end()
    {
        var (first, target) = await StaffAsync(482);
        var call = new CallScript("xfer-blind", World);
        await AnsweredByAsync(call, 482, first);

        await PublishAsync(call.Next<CallTransferred>() with { Destination = Endpoint(target) });
        Assert.Equal(target, (await ViewOf(call.CallId)).RingingAgentId);
        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(first).GetViewAsync()).Status);
        await PublishAsync(call.Ringing(Endpoint(target)));
        await PublishAsync(call.Answered(Endpoint(target)));
        Assert.Equal(AgentStatus.OnCall, (await Cluster.Agent(target).GetViewAsync()).Status);
        await PublishAsync(call.Ended());

        Assert.Equal(target, Crm.InteractionOf(call.CallId)?.AgentId);
        Assert.Equal(first, Assert.Single(Crm.TransfersOf(call.CallId)).FromAgentId);
    }

    [Fact]
    public async Task A_target_that_refuses_is_released_and_the_first_agent_keeps_the_call()
    {
        var (first, target) = await StaffAsync(483);
        var call = new CallScript("xfer-refused", World);
        await AnsweredByAsync(call, 483, first);

        await PublishAsync(call.Next<CallTransferStarted>() with { Destination = Endpoint(target) });
        Assert.Equal(AgentStatus.Reserved, (await Cluster.Agent(target).GetViewAsync()).Status);
        await PublishAsync(call.Next<CallRingFailed>() with { Endpoint = Endpoint(target), Cause = CallEndCause.Busy, PbxCauseCode = 486 });

        Assert.Equal(AgentStatus.Available, (await Cluster.Agent(target).GetViewAsync()).Status);
        Assert.Equal(AgentStatus.OnCall, (await Cluster.Agent(first).GetViewAsync()).Status);
        Assert.Null((await ViewOf(call.CallId)).RingingAgentId);
        await PublishAsync(call.Ended());

        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(first).GetViewAsync()).Status);
        Assert.Equal(first, Crm.InteractionOf(call.CallId)?.AgentId);
        Assert.Empty(Crm.TransfersOf(call.CallId));
    }

    [Fact]
    public async Task A_call_that_ends_while_the_target_rings_leaves_nobody_reserved()
    {
        var (first, target) = await StaffAsync(484);
        var call = new CallScript("xfer-caller-gone", World);
        await AnsweredByAsync(call, 484, first);

        await PublishAsync(call.Next<CallTransferred>() with { Destination = Endpoint(target) });
        Assert.Equal(AgentStatus.Reserved, (await Cluster.Agent(target).GetViewAsync()).Status);
        await PublishAsync(call.Ended(CallEndCause.CallerHungUp));

        Assert.Equal(AgentStatus.Available, (await Cluster.Agent(target).GetViewAsync()).Status);
        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(first).GetViewAsync()).Status);
        var logged = Crm.InteractionOf(call.CallId);
        Assert.NotNull(logged);
        Assert.Equal(first, logged.AgentId); // nobody took it after the first agent
        Assert.Equal(first, Assert.Single(Crm.TransfersOf(call.CallId)).FromAgentId);
    }

    [Fact]
    public async Task A_transfer_to_an_outside_number_keeps_the_call_with_the_first_agent_in_the_log()
    {
        var (first, _) = await StaffAsync(485);
        var call = new CallScript("xfer-outside", World);
        await AnsweredByAsync(call, 485, first);
        const string Outside = "+74957770011";

        await PublishAsync(call.Next<CallTransferStarted>() with { Destination = Outside });
        Assert.Null((await ViewOf(call.CallId)).RingingAgentId);
        await PublishAsync(call.Next<CallTransferred>() with { Destination = Outside });
        await PublishAsync(call.Answered(Outside));
        Assert.Equal(AgentStatus.WrapUp, (await Cluster.Agent(first).GetViewAsync()).Status);
        await PublishAsync(call.Ended());

        var logged = Crm.InteractionOf(call.CallId);
        Assert.NotNull(logged);
        Assert.Equal(first, logged.AgentId);
        Assert.Contains(Outside, logged.Notes ?? string.Empty, StringComparison.Ordinal);
        var chain = Assert.Single(Crm.TransfersOf(call.CallId));
        Assert.Equal(first, chain.FromAgentId);
        Assert.Null(chain.ToAgentId);
        Assert.Equal(Outside, chain.Destination);
    }

    private async Task<(long First, long Target)> StaffAsync(long departmentId)
    {
        var first = departmentId * 100 + 1;
        var target = departmentId * 100 + 2;
        Crm.AddDepartment(departmentId, "Sales", Settings, DidOf(departmentId));
        Crm.AddAgent(first, "First", departmentId);
        Crm.AddAgent(target, "Target", departmentId);
        await Cluster.Agent(first).LogInAsync();
        return (first, target);
    }

    /// <summary>Only the first agent is logged in while the call is routed, so the router rings them; the target logs in after.</summary>
    private async Task AnsweredByAsync(CallScript call, long departmentId, long first)
    {
        await PublishAsync(call.Offered("+7998" + departmentId.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture), DidOf(departmentId)));
        await AnswerAsync(call, first);
        await Cluster.Agent(departmentId * 100 + 2).LogInAsync();
        Assert.Equal(AgentStatus.OnCall, (await Cluster.Agent(first).GetViewAsync()).Status);
    }
}
