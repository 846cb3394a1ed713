using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>A server transaction (§17.2): absorbs request retransmissions and (re)sends the TU's responses.</summary>
public abstract class SipServerTransaction : SipTransaction
{
    protected SipServerTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
        Key = SipTransactionKey.ForServer(request);
    }

    public SipTransactionKey Key { get; }

    /// <summary>The last response sent, if any.</summary>
    public SipMessage? LastResponse { get; protected set; }

    /// <summary>Timer H fired: the final response was never acknowledged (§17.2.1).</summary>
    public event EventHandler? TimedOut;

    /// <summary>A retransmission of the request (or, for INVITE, its ACK) matched this transaction.</summary>
    public abstract void ReceiveRequest(SipMessage request);

    /// <summary>The TU answers. Responses after the final one are refused.</summary>
    public abstract void SendResponse(SipMessage response);

    protected void RaiseTimedOut() => TimedOut?.Invoke(this, EventArgs.Empty);
}
