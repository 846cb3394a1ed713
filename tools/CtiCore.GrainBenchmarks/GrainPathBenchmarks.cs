using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Routing;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CtiCore.GrainBenchmarks;

/// <summary>
/// Inside one silo (calls made with the silo's own grain factory, no network): an empty grain call as the
/// baseline; a routing decision with reservation over a department of 1,000 agents; and the full event path
/// of a call (offered → answered → ended, with caller recognition, routing, agent state, grain state writes
/// to memory storage and the journal), per event.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GrainPathBenchmarks
{
    private const int Agents = 1000;
    private const int Parallel = 32;
    private TestCluster _cluster = null!;
    private IGrainFactory _grains = null!;
    private ITelephonyEventSink _events = null!;
    private BenchmarkCrm _crm = null!;
    private long _calls;
    private long _sequence;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _crm = new BenchmarkCrm(Agents);
        BenchmarkSiloConfigurator.Crm = _crm;
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<BenchmarkSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var silo = ((InProcessSiloHandle)_cluster.Primary!).SiloHost.Services;
        _grains = silo.GetRequiredService<IGrainFactory>();
        _events = silo.GetRequiredService<ITelephonyEventSink>();
        await Task.WhenAll(_crm.Agents.Select(a => _grains.GetGrain<IAgentGrain>(a.AgentId).LogInAsync()));
        var router = await _grains.GetGrain<IDepartmentRouterGrain>(BenchmarkCrm.DepartmentId).GetViewAsync();
        if (router.Agents.Count(a => a.CanTakeCall) != Agents)
        {
            throw new InvalidOperationException("The department did not see every agent available.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Orleans ping (empty grain call)")]
    [BenchmarkCategory("sequential")]
    public Task Ping() => _grains.GetGrain<IPingGrain>(0).PingAsync();

    [Benchmark(Description = "Route + reserve + release, 1,000 agents")]
    [BenchmarkCategory("sequential")]
    public async Task RouteDecision()
    {
        var callId = "route-" + Interlocked.Increment(ref _calls);
        var result = await _grains.GetGrain<IDepartmentRouterGrain>(BenchmarkCrm.DepartmentId)
            .RouteAsync(new RouteRequest { CallId = callId, Caller = CallerProfile.Anonymous });
        var agent = _grains.GetGrain<IAgentGrain>(result.Decision.AgentId!.Value);
        if (!(await agent.TryReserveAsync(callId)).Reserved)
        {
            throw new InvalidOperationException("The chosen agent could not be reserved.");
        }

        await agent.ReleaseAsync(callId);
    }

    [Benchmark(OperationsPerInvoke = 3, Description = "Call events (offered/answered/ended), per event")]
    [BenchmarkCategory("sequential")]
    public Task CallEvents() => PlayCallAsync(0);

    [Benchmark(Baseline = true, OperationsPerInvoke = Parallel, Description = "Orleans ping, 32 in parallel, per call")]
    [BenchmarkCategory("parallel")]
    public Task PingParallel() => Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => _grains.GetGrain<IPingGrain>(i).PingAsync()));

    [Benchmark(OperationsPerInvoke = Parallel * 3, Description = "Call events, 32 calls in parallel, per event")]
    [BenchmarkCategory("parallel")]
    public Task CallEventsParallel() => Task.WhenAll(Enumerable.Range(0, Parallel).Select(PlayCallAsync));

    private async Task PlayCallAsync(int line)
    {
        var callId = "call-" + Interlocked.Increment(ref _calls);
        await _events.PublishAsync(Event<CallOffered>(callId) with { CallerNumber = $"+7999{line:0000000}", DialledNumber = "+74950000000" }, CancellationToken.None);
        if (!_crm.RoutedTo.TryRemove(callId, out var agentId))
        {
            throw new InvalidOperationException($"Call {callId} was not routed (all {Agents} agents busy?).");
        }

        await _events.PublishAsync(Event<CallAnswered>(callId) with { Endpoint = $"PJSIP/{agentId}" }, CancellationToken.None);
        await _events.PublishAsync(Event<CallEnded>(callId) with { Cause = CallEndCause.AgentHungUp }, CancellationToken.None);
    }

    private T Event<T>(string callId)
        where T : CallEvent, new()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        return new T { EventId = $"{callId}:{sequence}", Source = "bench", Sequence = sequence, OccurredAt = DateTimeOffset.UtcNow, CallId = callId };
    }
}
