using CtiCore.Testing;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>
/// Ports from this project's own range, so it never races the other test projects (FunctionalTests 42000-44999,
/// EndToEnd 45000-45999): 46000-46899 are handed out here (baresip also binds its SIP port + 1 for TLS);
/// 46900-46999 belong to the server's RTP relay.
/// </summary>
internal static class SoftphonePorts
{
    public const int RelayFirst = 46900;
    public const int RelayLast = 46999;
    private const int First = 46000;
    private static readonly PortRange Range = new(First, RelayFirst - First);

    /// <summary>The first of <paramref name="block"/> consecutive free ports.</summary>
    public static int Next(int block = 1) => Range.Next(block);
}
