using System.Collections.Concurrent;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Tests.Infrastructure;

namespace CtiCore.Grains.Tests.Scenarios;

[Collection(InMemoryClusterGroup.Name)]
public sealed class LoadScenarioTests(InMemoryClusterFixture cluster) : ScenarioBase(cluster)
{
    private const long Department = 70;
    private const int Agents = 50;
    private const int Calls = 200;

    [Fact]
    public async Task Two_hundred_concurrent_calls_over_fifty_agents_never_give_an_agent_two_calls_and_all_end_logged()
    {
        var crm = cluster.Crm;
        crm.AddDepartment(Department, "Load", RoutingSettings.Default with { WrapUpSeconds = 0, MaxQueueWaitSeconds = 3600 }, DidOf(Department));
        var agentIds = Enumerable.Range(1, Agents).Select(i => Department * 100 + i).ToList();
        foreach (var id in agentIds)
        {
            crm.AddAgent(id, $"Agent{id}", Department);
        }

        await Task.WhenAll(agentIds.Select(id => cluster.Agent(id).LogInAsync()));

        var scripts = Enumerable.Range(1, Calls).ToDictionary(i => $"load-{i}", i => new CallScript($"load-{i}", World));
        var talking = new ConcurrentDictionary<long, string>();
        var doubleBookings = new ConcurrentBag<string>();
        var running = new ConcurrentBag<Task>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // Plays the agents' phones: answer what CtiCore rings, talk briefly, hang up.
        var phones = Task.Run(
            async () =>
        {
            await foreach (var command in World.Commands.Stream.Reader.ReadAllAsync(stop.Token))
            {
                if (command is not RouteToEndpointCommand route || !scripts.TryGetValue(route.CallId, out var script))
                {
                    continue;
                }

                if (!talking.TryAdd(route.AgentId, route.CallId))
                {
                    doubleBookings.Add($"{route.AgentId}: {talking.GetValueOrDefault(route.AgentId)} and {route.CallId}");
                    continue;
                }

                running.Add(Task.Run(async () =>
                {
                    await PublishAsync(script.Ringing(route.Endpoint));
                    await PublishAsync(script.Answered(route.Endpoint));
                    await Task.Yield();
                    talking.TryRemove(route.AgentId, out _);
                    await PublishAsync(script.Ended());
                }));
            }
        },
            TestContext.Current.CancellationToken);

        await Task.WhenAll(scripts.Values.Select((s, i) => Task.Run(() => PublishAsync(s.Offered($"+7999100{i:0000}", DidOf(Department))))));

        var logged = await Eventually.Until(
            () => Task.FromResult(crm.Interactions.Count(i => i.CallKey.StartsWith("load-", StringComparison.Ordinal))),
            n => n == Calls || !doubleBookings.IsEmpty,
            "every load call logged");
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => phones);

        Assert.Empty(doubleBookings);
        Assert.Equal(Calls, logged);
        var interactions = crm.Interactions.Where(i => i.CallKey.StartsWith("load-", StringComparison.Ordinal)).ToList();
        Assert.All(interactions, i => Assert.Equal(CallOutcome.Answered, i.Outcome));
        Assert.All(interactions, i => Assert.Contains(i.AgentId!.Value, agentIds));
        Assert.All(scripts.Keys, key => Assert.Equal(1, crm.JournalWritesOf(key)));
        var views = await Task.WhenAll(agentIds.Select(id => cluster.Agent(id).GetViewAsync()));
        Assert.All(views, v => Assert.Equal(0, v.OverlappingAnswers));
        Assert.Equal(Calls, views.Sum(v => v.Snapshot.CallsToday));
        Assert.Empty((await cluster.Router(Department).GetViewAsync()).Queue);
    }
}
