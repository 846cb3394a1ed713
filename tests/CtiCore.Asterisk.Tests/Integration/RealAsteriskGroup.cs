namespace CtiCore.Asterisk.Tests.Integration;

/// <summary>Tests against the one real Asterisk share its fixture and do not run in parallel with each other.</summary>
[CollectionDefinition(Name)]
public sealed class RealAsteriskGroup : ICollectionFixture<AsteriskSandboxFixture>
{
    public const string Name = "Real Asterisk";
}
