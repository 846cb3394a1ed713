using System.Net;
using System.Net.Sockets;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>
/// Ports from this project's own range, so it never races the other test projects (FunctionalTests 42000-44999,
/// EndToEnd 45000-45999): 46000-46899 are handed out here, each probed on TCP and UDP (SIP uses both, baresip also
/// binds its SIP port + 1 for TLS); 46900-46999 belong to the server's RTP relay.
/// </summary>
internal static class SoftphonePorts
{
    public const int RelayFirst = 46900;
    public const int RelayLast = 46999;
    private const int First = 46000;
    private const int Count = RelayFirst - First;
    private static int _next = First + (Environment.ProcessId % 40) * 20;

    /// <summary>The first of <paramref name="block"/> consecutive free ports.</summary>
    public static int Next(int block = 1)
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            // Reserves [end - block + 1, end]: the next caller starts after it, so blocks never overlap (until wrap-around).
            var end = Interlocked.Add(ref _next, block);
            var port = First + (end - block + 1 - First) % (Count - block);
            if (Enumerable.Range(port, block).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {block} free consecutive ports in {First}-{RelayFirst - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
