using System.Net;

namespace CtiCore.Sip.Transport;

/// <summary>Where a message came from: the peer's address, the transport, and on TCP which connection (responses go back on it, §18.2.2).</summary>
public sealed record SipRemote(IPEndPoint EndPoint, SipTransportProtocol Protocol, long ConnectionId = 0)
{
    public bool Reliable => Protocol == SipTransportProtocol.Tcp;
}
