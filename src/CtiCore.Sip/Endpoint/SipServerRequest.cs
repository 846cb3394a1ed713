using System.Security.Cryptography;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Endpoint;

/// <summary>A request handed to the TU with its server transaction and a To tag chosen for our responses (§8.2.6.2).</summary>
public sealed class SipServerRequest
{
    private readonly SipEndpoint _endpoint;

    internal SipServerRequest(SipEndpoint endpoint, SipMessage message, SipRemote remote, SipServerTransaction transaction)
    {
        _endpoint = endpoint;
        Message = message;
        Remote = remote;
        Transaction = transaction;
        LocalTag = message.To.Tag ?? NewTag();
    }

    public SipMessage Message { get; }

    public SipRemote Remote { get; }

    public SipServerTransaction Transaction { get; }

    /// <summary>Our tag: the existing To tag for in-dialog requests, otherwise a new random one.</summary>
    public string LocalTag { get; }

    public SipMessageBuilder CreateResponse(int statusCode, string? reasonPhrase = null) =>
        SipMessageBuilder.ResponseTo(Message, statusCode, LocalTag, reasonPhrase).Add(SipHeaderId.Server, _endpoint.Options.ServerName);

    public void Respond(int statusCode, string? reasonPhrase = null) => Respond(CreateResponse(statusCode, reasonPhrase));

    /// <summary>Sends through the transaction; a 2xx to INVITE is also retransmitted until its ACK (§13.3.1.4).</summary>
    public void Respond(SipMessageBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _endpoint.SendResponse(this, response.Build());
    }

    internal static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
