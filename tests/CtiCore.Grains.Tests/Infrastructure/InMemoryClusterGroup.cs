namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>Tests sharing one cluster and one fake clock run one at a time; each uses its own department and agent ids.</summary>
[CollectionDefinition(Name)]
public sealed class InMemoryClusterGroup : ICollectionFixture<InMemoryClusterFixture>
{
    public const string Name = "in-memory cluster";
}
