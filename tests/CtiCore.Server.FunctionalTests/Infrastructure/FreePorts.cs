using System.Net;
using System.Net.Sockets;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Ports for the test servers and silos, from this project's own range (42000-44999) so parallel test projects on the
/// same machine do not race for the same ones; each candidate is probed by binding it first.
/// </summary>
internal static class FreePorts
{
    private const int First = 42000;
    private const int Count = 3000;
    private static int _next = First + (Environment.ProcessId % 100) * 30;

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % Count;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port in 42000-44999.");
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, none of which <see cref="Next"/> hands out later
    /// in this run (sipp's -mp takes its port and the next three for audio and video RTP/RTCP).
    /// </summary>
    public static int NextBlock(int count)
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var last = First + (Interlocked.Add(ref _next, count) - First) % Count;
            var first = last - count + 1;
            if (first >= First && Enumerable.Range(first, count).All(p => IsFree(p) && IsFreeUdp(p)))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No free port block in 42000-44999.");
    }

    private static bool IsFreeUdp(int port)
    {
        try
        {
            using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
