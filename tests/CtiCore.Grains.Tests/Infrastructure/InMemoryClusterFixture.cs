using CtiCore.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>A cluster on in-memory CRM ports; shared by the tests of <see cref="InMemoryClusterGroup"/>, which run one at a time.</summary>
public sealed class InMemoryClusterFixture : ClusterFixture
{
    public InMemoryCrm Crm { get; } = new();

    protected override TestWorld CreateWorld() => new(Crm, services =>
    {
        services.AddSingleton<IAgentDirectory>(Crm);
        services.AddSingleton<ICallerDirectory>(Crm);
        services.AddSingleton<ICallJournal>(Crm);
    });
}
