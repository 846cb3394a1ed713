using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Endpoint;

/// <summary>The transaction user above the endpoint: receives the requests the endpoint does not answer itself (REGISTER and OPTIONS it does).</summary>
public interface ISipRequestHandler
{
    /// <summary>A new request in its own server transaction. Answer through <see cref="SipServerRequest.Respond(int, string?)"/>.</summary>
    void OnRequest(SipServerRequest request);

    /// <summary>The ACK for a 2xx (§13.3.1.4: it is its own transaction-less request).</summary>
    void OnAck(SipMessage ack, SipRemote remote);

    /// <summary>A CANCEL stopped this INVITE; the endpoint has already answered 200 to the CANCEL and 487 to the INVITE (§9.2).</summary>
    void OnCancelled(SipServerRequest invite);
}
