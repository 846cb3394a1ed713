using CtiCore.Testing;

namespace CtiCore.SipCallBench;

/// <summary>Ports of this tool's own range, 47000-47799 (47800-47999 hold CtiCore's RTP relay), probed on TCP and UDP.</summary>
internal static class BenchPorts
{
    public const int RelayFirst = 47800;
    public const int RelayLast = 47999;
    private const int First = 47000;
    private static readonly PortRange Range = new(First, RelayFirst - First);

    public static int Next() => Range.Next();
}
