using System.Net;
using System.Net.Sockets;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// Ports from this project's own range (45000-45999), so it never races the other test projects (FunctionalTests
/// use 42000-44999). Each candidate is probed on both TCP and UDP, since SIP, RTP and AMI share the range.
/// </summary>
public static class EndToEndPorts
{
    private const int First = 45000;
    private const int Count = 1000;
    private static int _next = First + (Environment.ProcessId % 50) * 20;

    /// <summary>A free port; <paramref name="block"/> consecutive ones are free when more are asked (RTP uses port and port+2).</summary>
    public static int Next(int block = 1)
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            // Reserve [start, start + block): the counter moves past the whole block, so the next caller's ports
            // never overlap it whatever block sizes are mixed.
            var start = Interlocked.Add(ref _next, block) - block;
            var port = First + (start - First) % (Count - block);
            if (Enumerable.Range(port, block).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port in 45000-45999.");
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
