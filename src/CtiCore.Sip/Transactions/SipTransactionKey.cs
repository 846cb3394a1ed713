using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>
/// Identifies a transaction. Server side (§17.2.3): top Via branch + sent-by + method, where ACK maps to INVITE.
/// Client side (§17.1.3): top Via branch + CSeq method. Requests without an RFC 3261 branch (RFC 2543 peers) fall
/// back to Call-ID, CSeq number, From tag and sent-by.
/// </summary>
public readonly record struct SipTransactionKey(string Branch, string SentBy, string Method)
{
    public static SipTransactionKey ForServer(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.TopVia;
        var method = request.Method == SipMethod.Ack ? SipMethod.Invite : request.Method;
        var branch = via.HasRfc3261Branch
            ? via.Branch!
            : $"2543|{request.CallId}|{request.CSeq.Number}|{request.From.Tag}";
        return new SipTransactionKey(branch, via.SentBy.ToLowerInvariant(), method);
    }

    public static SipTransactionKey ForClient(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var method = message.CSeq.Method == SipMethod.Ack ? SipMethod.Invite : message.CSeq.Method;
        return new SipTransactionKey(message.TopVia.Branch ?? string.Empty, string.Empty, method);
    }
}
