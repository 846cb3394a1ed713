using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;
using Orleans.Core.Internal;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>
/// A phone that does not take an offered call is handled by what it said: busy elsewhere (a routing cool-down, no
/// pause), declined by the agent, unreachable, or rung out (each a pause with its own reason). Ring timeouts are
/// 300 s and no time passes unless the test says so: only the refusal moves the call.
/// </summary>
[Collection(InMemoryClusterGroup.Name)]
public sealed class RingFailureScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private InMemoryCrm Crm => cluster.Crm;

    [Fact]
    public async Task A_busy_phone_keeps_the_agent_available_but_offers_them_nothing_until_the_cool_down_ends()
    {
        var settings = RoutingSettings.Default with { RingTimeoutSeconds = 300, BusyCooldownSeconds = 45, MaxQueueWaitSeconds = 600 };
        Crm.AddDepartment(171, "Sales", settings, DidOf(171));
        Crm.AddAgent(17101, "Ivanova", 171);
        Crm.AddAgent(17102, "Petrov", 171);
        await cluster.Agent(17101).LogInAsync();
        await cluster.Agent(17102).LogInAsync();

        var first = new CallScript("busy-1", World);
        await PublishAsync(first.Offered("+79990001711", DidOf(171)));
        await RingingAsync(first.CallId, 17101);
        await PublishAsync(Refusal(first, 17101, RingFailureReason.Busy, CallEndCause.Busy, 486));
        await RingingAsync(first.CallId, 17102);

        var ivanova = await Eventually.Until(() => cluster.Agent(17101).GetViewAsync(), a => a.Status == AgentStatus.Available, "Ivanova released");
        Assert.Null(ivanova.PauseReason);
        Assert.Equal(0, ivanova.MissedCallsToday);

        // Petrov is ringing and Ivanova is available, yet cooling down: a second call waits.
        var second = new CallScript("busy-2", World);
        await PublishAsync(second.Offered("+79990001712", DidOf(171)));
        await Eventually.Until(() => ViewOf(second.CallId), v => v.IsQueued, "second call queued during the cool-down");
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(second.CallId));

        // The cool-down is the department's setting, counted from the refusal.
        World.Time.Advance(TimeSpan.FromSeconds(settings.BusyCooldownSeconds - 1));
        Assert.True((await ViewOf(second.CallId)).IsQueued);
        World.Time.Advance(TimeSpan.FromSeconds(1));
        await RingingAsync(second.CallId, 17101);
    }

    [Fact]
    public async Task A_declined_call_pauses_the_agent_with_the_departments_declined_reason()
    {
        Crm.AddDepartment(172, "Sales", RoutingSettings.Default with { RingTimeoutSeconds = 300, DeclinedPauseReason = "Rejected on the phone" }, DidOf(172));
        Crm.AddAgent(17201, "Ivanova", 172);
        Crm.AddAgent(17202, "Petrov", 172);
        await cluster.Agent(17201).LogInAsync();
        await cluster.Agent(17202).LogInAsync();

        var call = new CallScript("declined-1", World);
        await PublishAsync(call.Offered("+79990001721", DidOf(172)));
        await RingingAsync(call.CallId, 17201);
        await PublishAsync(Refusal(call, 17201, RingFailureReason.Declined, CallEndCause.Busy, 603));

        await RingingAsync(call.CallId, 17202);
        var ivanova = await Eventually.Until(() => cluster.Agent(17201).GetViewAsync(), a => a.Status == AgentStatus.Paused, "Ivanova paused");
        Assert.Equal("Rejected on the phone", ivanova.PauseReason);
    }

    /// <summary>
    /// Each refusal pauses with its own reason. Only a call the agent was offered and did not take (rung out, declined)
    /// is a missed call for the supervisor; an unreachable phone never offered it (a device problem, not the agent's).
    /// </summary>
    [Theory]
    [InlineData(173, RingFailureReason.Unreachable, CallEndCause.Failed, 480, "Phone unreachable", 0)]
    [InlineData(174, RingFailureReason.Unreachable, CallEndCause.Failed, 503, "Phone unreachable", 0)]
    [InlineData(175, RingFailureReason.NoAnswer, CallEndCause.NoAnswer, 408, "Missed call", 1)]
    [InlineData(176, RingFailureReason.Declined, CallEndCause.Busy, 603, "Declined call", 1)]
    // A PBX adapter that does not say why: the cause decides (Failed reads as unreachable).
    [InlineData(177, RingFailureReason.Unknown, CallEndCause.Failed, null, "Phone unreachable", 0)]
    [InlineData(178, RingFailureReason.Unknown, CallEndCause.NoAnswer, null, "Missed call", 1)]
    public async Task A_refusal_pauses_the_agent_with_the_reason_that_says_why(int department, RingFailureReason reason, CallEndCause cause, int? code, string pauseReason, int missed)
    {
        var agent = (department * 100) + 1;
        Crm.AddDepartment(department, "Sales", RoutingSettings.Default with { RingTimeoutSeconds = 300 }, DidOf(department));
        Crm.AddAgent(agent, "Ivanova", department);
        Crm.AddAgent(agent + 1, "Petrov", department);
        await cluster.Agent(agent).LogInAsync();
        await cluster.Agent(agent + 1).LogInAsync();

        var call = new CallScript($"refusal-{department}", World);
        await PublishAsync(call.Offered($"+7999000{department}0", DidOf(department)));
        await RingingAsync(call.CallId, agent);
        await PublishAsync(Refusal(call, agent, reason, cause, code));

        await RingingAsync(call.CallId, agent + 1);
        var ivanova = await Eventually.Until(() => cluster.Agent(agent).GetViewAsync(), a => a.Status == AgentStatus.Paused, "Ivanova paused");
        Assert.Equal(pauseReason, ivanova.PauseReason);
        Assert.Equal(missed, ivanova.MissedCallsToday);
    }

    [Fact]
    public async Task The_busy_cool_down_outlives_the_routers_and_the_agents_deactivation_and_shows_on_the_agent()
    {
        var settings = RoutingSettings.Default with { RingTimeoutSeconds = 300, BusyCooldownSeconds = 45, MaxQueueWaitSeconds = 600 };
        Crm.AddDepartment(179, "Sales", settings, DidOf(179));
        Crm.AddAgent(17901, "Ivanova", 179);
        Crm.AddAgent(17902, "Petrov", 179);
        await cluster.Agent(17901).LogInAsync();
        await cluster.Agent(17902).LogInAsync();

        var first = new CallScript("busy-kept-1", World);
        await PublishAsync(first.Offered("+79990001791", DidOf(179)));
        await RingingAsync(first.CallId, 17901);
        var refusedAt = World.Time.GetUtcNow();
        await PublishAsync(Refusal(first, 17901, RingFailureReason.Busy, CallEndCause.Busy, 486));
        await RingingAsync(first.CallId, 17902);

        // What the supervisor's agent row shows: available, and why no call comes to her.
        var ivanova = await Eventually.Until(() => cluster.Agent(17901).GetViewAsync(), a => a.Status == AgentStatus.Available, "Ivanova released");
        Assert.Equal(refusedAt.AddSeconds(settings.BusyCooldownSeconds), ivanova.RingCooldownUntil);

        // Both grains lose what they hold in memory.
        await cluster.Router(179).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await cluster.Agent(17901).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        var second = new CallScript("busy-kept-2", World);
        await PublishAsync(second.Offered("+79990001792", DidOf(179)));
        await Eventually.Until(() => ViewOf(second.CallId), v => v.IsQueued, "second call queued during the cool-down");
        Assert.Empty(World.Commands.Of<RouteToEndpointCommand>(second.CallId));
        var row = Assert.Single((await cluster.Router(179).GetViewAsync()).Agents, a => a.AgentId == 17901);
        Assert.Equal(ivanova.RingCooldownUntil, row.RingCooldownUntil);

        World.Time.Advance(TimeSpan.FromSeconds(settings.BusyCooldownSeconds));
        await RingingAsync(second.CallId, 17901);
        Assert.Null((await cluster.Agent(17901).GetViewAsync()).RingCooldownUntil);
    }

    private static CallRingFailed Refusal(CallScript call, long agentId, RingFailureReason reason, CallEndCause cause, int? code) =>
        call.Next<CallRingFailed>() with { Endpoint = Endpoint(agentId), Reason = reason, Cause = cause, PbxCauseCode = code };
}
