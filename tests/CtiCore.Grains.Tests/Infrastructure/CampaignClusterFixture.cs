using CtiCore.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>A cluster on in-memory CRM and campaign ports, for the campaign scenarios (one at a time, own ids each).</summary>
public sealed class CampaignClusterFixture : ClusterFixture
{
    public CampaignClusterFixture()
    {
        Campaigns = new InMemoryCampaignStore(Crm);
    }

    public InMemoryCrm Crm { get; } = new();

    public InMemoryCampaignStore Campaigns { get; }

    protected override TestWorld CreateWorld() => new(Crm, services =>
    {
        services.AddSingleton<IAgentDirectory>(Crm);
        services.AddSingleton<ICallerDirectory>(Crm);
        services.AddSingleton<ICallJournal>(Crm);
        services.AddSingleton<ICampaignStore>(Campaigns);
    });
}

[CollectionDefinition(Name)]
public sealed class CampaignClusterGroup : ICollectionFixture<CampaignClusterFixture>
{
    public const string Name = "campaign cluster";
}
