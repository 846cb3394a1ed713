using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// Compares the host part of two socket addresses without building IPEndPoints (no allocation per packet). Both are
/// sockaddr_in/sockaddr_in6 as .NET lays them out: the port at octets 2–3, the IPv4 address at 4–7, the IPv6 one at 8–23.
/// </summary>
internal static class SocketAddressMatch
{
    public static bool SameHost(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family)
        {
            return false;
        }

        var (start, length) = a.Family == AddressFamily.InterNetworkV6 ? (8, 16) : (4, 4);
        if (a.Size < start + length || b.Size < start + length)
        {
            return false;
        }

        return a.Buffer.Span.Slice(start, length).SequenceEqual(b.Buffer.Span.Slice(start, length));
    }

    public static SocketAddress Copy(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    public static IPEndPoint ToEndPoint(SocketAddress address)
        => (IPEndPoint)new IPEndPoint(address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(address);
}
