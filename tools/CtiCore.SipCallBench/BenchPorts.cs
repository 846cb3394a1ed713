using System.Net;
using System.Net.Sockets;

namespace CtiCore.SipCallBench;

/// <summary>Ports of this tool's own range, 47000-47799 (47800-47999 hold CtiCore's RTP relay), probed on TCP and UDP.</summary>
internal static class BenchPorts
{
    public const int RelayFirst = 47800;
    public const int RelayLast = 47999;
    private const int First = 47000;
    private static int _next = First;

    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port >= RelayFirst)
            {
                throw new InvalidOperationException($"No free port left in {First}-{RelayFirst - 1}.");
            }
            if (IsFree(port))
            {
                return port;
            }
        }
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
