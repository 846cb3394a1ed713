using CtiCore.Abstractions.Routing;
using CtiCore.Domain.Routing;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>The router hands an agent to one call at a time without waiting on the agent grain.</summary>
[Collection(InMemoryClusterGroup.Name)]
public sealed class RouterHoldTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    [Fact]
    public async Task An_offered_agent_is_held_until_the_agent_reports_the_call_cancels_or_the_hold_expires()
    {
        cluster.Crm.AddDepartment(90, "Sales", RoutingSettings.Default, DidOf(90));
        cluster.Crm.AddAgent(9001, "Ivanova", 90);
        cluster.Crm.AddAgent(9002, "Petrov", 90);
        await cluster.Agent(9001).LogInAsync();
        await cluster.Agent(9002).LogInAsync();
        var router = cluster.Router(90);
        await RouterSeesAsync(90, 9002, AgentStatus.Available);

        var a = await router.RouteAsync(new RouteRequest { CallId = "hold-a" });
        var b = await router.RouteAsync(new RouteRequest { CallId = "hold-b" });
        var c = await router.RouteAsync(new RouteRequest { CallId = "hold-c" });

        // Nobody reserved anything on the agent grains, yet the router never offers one agent twice.
        Assert.Equal(9001, a.Decision.AgentId);
        Assert.Equal(9002, b.Decision.AgentId);
        Assert.Equal(RoutingOutcome.Queue, c.Decision.Outcome);
        await router.CancelAsync("hold-c");

        // Calls a and b never follow up (their grains died): after the hold expires both agents are offered again.
        World.Time.Advance(TimeSpan.FromSeconds(15));
        var d = await router.RouteAsync(new RouteRequest { CallId = "hold-d" });
        var e = await router.RouteAsync(new RouteRequest { CallId = "hold-e" });
        Assert.Equal(9001, d.Decision.AgentId);
        Assert.Equal(9002, e.Decision.AgentId);

        // A call that declines its offer gives the agent back at once.
        await router.CancelAsync("hold-d");
        var f = await router.RouteAsync(new RouteRequest { CallId = "hold-f" });
        Assert.Equal(9001, f.Decision.AgentId);
        await router.CancelAsync("hold-e");
        await router.CancelAsync("hold-f");
    }
}
