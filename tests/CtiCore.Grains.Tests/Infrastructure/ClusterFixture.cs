using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Routing;
using CtiCore.Grains.Telephony;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>One in-process silo with CtiCore's grains, for one test world.</summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    protected abstract TestWorld CreateWorld();

    public TestWorld World { get; private set; } = null!;

    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>What an adapter would call: the real dispatcher, used from the test side.</summary>
    public TelephonyEventDispatcher Events { get; private set; } = null!;

    public IAgentGrain Agent(long id) => Grains.GetGrain<IAgentGrain>(id);

    public ICallGrain Call(string id) => Grains.GetGrain<ICallGrain>(id);

    public IDepartmentRouterGrain Router(long id) => Grains.GetGrain<IDepartmentRouterGrain>(id);

    public virtual async ValueTask InitializeAsync()
    {
        World = CreateWorld();
        var builder = new TestClusterBuilder(1);
        builder.Properties[TestWorld.ConfigurationKey] = World.Id;
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        Events = new TelephonyEventDispatcher(Grains, World.Agents, World.Time, NullLogger<TelephonyEventDispatcher>.Instance);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        World?.Forget();
        GC.SuppressFinalize(this);
    }
}
