using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>A client transaction (§17.1): sends a request and hands the responses that matter to the TU.</summary>
public abstract class SipClientTransaction : SipTransaction
{
    protected SipClientTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
    }

    /// <summary>Responses passed up to the TU (retransmissions the machine absorbs are not raised).</summary>
    public event EventHandler<SipMessage>? ResponseReceived;

    /// <summary>Timer B or F fired: no final response came (the TU treats it as 408, §8.1.3.1).</summary>
    public event EventHandler? TimedOut;

    public SipTransactionKey Key => SipTransactionKey.ForClient(Request);

    public abstract void Start();

    public abstract void ReceiveResponse(SipMessage response);

    protected void RaiseResponse(SipMessage response) => ResponseReceived?.Invoke(this, response);

    protected void RaiseTimedOut() => TimedOut?.Invoke(this, EventArgs.Empty);
}
