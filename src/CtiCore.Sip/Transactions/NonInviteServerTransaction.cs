using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>RFC 3261 §17.2.2, Figure 8: the non-INVITE server transaction.</summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    public NonInviteServerTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
        if (request.Method is SipMethod.Invite or SipMethod.Ack)
        {
            throw new ArgumentException("INVITE and ACK do not use the non-INVITE server transaction.", nameof(request));
        }
        SetState(SipTransactionState.Trying);
    }

    public override void ReceiveRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (Gate)
        {
            // §17.2.2: retransmissions are discarded in Trying and answered with the last response afterwards.
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Send(LastResponse);
            }
        }
    }

    public override void SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                throw new InvalidOperationException($"The transaction is {State}; it takes no more responses.");
            }
            LastResponse = response;
            if (!Send(response))
            {
                return;
            }
            if (response.StatusCode < 200)
            {
                SetState(SipTransactionState.Proceeding);
                return;
            }
            // §17.2.2: a final response → Completed; Timer J = 64*T1 (unreliable) or 0 absorbs retransmissions.
            SetState(SipTransactionState.Completed);
            TerminateAfter(Reliable ? TimeSpan.Zero : Timers.TransactionTimeout);
        }
    }
}
