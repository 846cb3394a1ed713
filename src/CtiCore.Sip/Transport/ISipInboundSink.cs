using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transport;

/// <summary>What a transport hands up: raw datagrams (parsed above it), framed stream messages, and stream framing failures.</summary>
public interface ISipInboundSink
{
    void OnDatagram(ReadOnlyMemory<byte> datagram, SipRemote remote);

    void OnStreamMessage(SipMessage message, SipRemote remote);

    /// <summary>The connection is being broken because its byte stream could not be framed.</summary>
    void OnStreamRejected(SipRejectedException rejection, SipRemote remote);
}
