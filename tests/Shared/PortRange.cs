using System.Net;
using System.Net.Sockets;

namespace CtiCore.Testing;

/// <summary>
/// A test project's (or tool's) own range of loopback ports. Each project owns a range, so parallel test processes
/// on one machine never race for the same ports; within a range, each candidate is probed on TCP and UDP first,
/// because SIP, RTP and AMI share it and another program may hold a port.
/// </summary>
internal sealed class PortRange
{
    private readonly int _first;
    private readonly int _count;
    private int _next;

    /// <param name="first">The first port of the range.</param>
    /// <param name="count">How many ports the range holds.</param>
    /// <param name="stride">
    /// Processes start this far apart (by process id), so two runs of the same project rarely probe the same ports.
    /// </param>
    public PortRange(int first, int count, int stride = 20)
    {
        _first = first;
        _count = count;
        _next = first + (Environment.ProcessId % Math.Max(1, count / stride / 2)) * stride;
    }

    /// <summary>
    /// The first of <paramref name="block"/> consecutive free ports (sipp's -mp takes its port and the next three,
    /// RTP uses port and port + 2). The counter moves past the whole block, so no later call hands out any of them,
    /// whatever block sizes are mixed.
    /// </summary>
    public int Next(int block = 1)
    {
        for (var attempt = 0; attempt < _count; attempt++)
        {
            var start = Interlocked.Add(ref _next, block) - block;
            var port = _first + (start - _first) % (_count - block);
            if (Enumerable.Range(port, block).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {block} free consecutive ports in {_first}-{_first + _count - 1}.");
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
