using BenchmarkDotNet.Attributes;
using CtiCore.Domain.Routing;

namespace CtiCore.GrainBenchmarks;

/// <summary>The pure policy alone over 1,000 agents: the compute part of a routing decision, without any grain hop.</summary>
public class RoutingPolicyBenchmarks
{
    private RoutingRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var agents = Enumerable.Range(1, 1000).ToDictionary(
            i => (long)i,
            i => new AgentSnapshot
            {
                AgentId = i,
                DisplayName = $"Agent{i}",
                Status = i % 3 == 0 ? AgentStatus.OnCall : AgentStatus.Available,
                CallsToday = i % 17,
                TalkSecondsToday = i * 7 % 3600,
                LastCallEndedAt = now.AddSeconds(-(i * 31 % 5000)),
            });

        // A known client whose responsible manager is busy and whose last agent is paused: every rule runs.
        agents[3] = agents[3] with { Status = AgentStatus.OnCall };
        agents[5] = agents[5] with { Status = AgentStatus.Paused };
        _request = new RoutingRequest
        {
            Caller = new CallerProfile { ClientId = 1, ResponsibleManagerId = 3, LastAnsweredAgentId = 5, LastAnsweredAt = now.AddDays(-3) },
            Agents = agents,
            Settings = RoutingSettings.Default,
            Now = now,
        };
    }

    [Benchmark(Description = "RoutingPolicy.Decide, 1,000 agents, all rules")]
    public RoutingDecision Decide() => RoutingPolicy.Decide(_request);
}
