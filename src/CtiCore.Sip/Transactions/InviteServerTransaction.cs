using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>RFC 3261 §17.2.1, Figure 7: the INVITE server transaction.</summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private ITimer? _timerG;
    private TimeSpan _intervalG;

    /// <summary>Enters Proceeding and sends 100 Trying at once (§17.2.1 allows it; it stops the client's Timer A).</summary>
    public InviteServerTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
        if (request.Method != SipMethod.Invite)
        {
            throw new ArgumentException("An INVITE server transaction needs an INVITE.", nameof(request));
        }
        lock (Gate)
        {
            SetState(SipTransactionState.Proceeding);
            LastResponse = SipMessageBuilder.ResponseTo(request, 100).Build();
            Send(LastResponse);
        }
    }

    /// <summary>Raised when the ACK for a non-2xx final response arrives (Completed → Confirmed).</summary>
    public event EventHandler? Acknowledged;

    public override void ReceiveRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (Gate)
        {
            if (request.Method == SipMethod.Ack)
            {
                if (State == SipTransactionState.Completed)
                {
                    // §17.2.1: ACK in Completed → Confirmed; stop G; Timer I = T4 (unreliable) or 0.
                    SetState(SipTransactionState.Confirmed);
                    Stop(ref _timerG);
                    Acknowledged?.Invoke(this, EventArgs.Empty);
                    TerminateAfter(Reliable ? TimeSpan.Zero : Timers.T4);
                }
                return;
            }
            // A retransmitted INVITE: in Proceeding resend the last provisional, in Completed the final (§17.2.1).
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
            if (State != SipTransactionState.Proceeding)
            {
                throw new InvalidOperationException($"The INVITE transaction is {State}; it takes no more responses.");
            }
            LastResponse = response;
            var code = response.StatusCode;
            if (!Send(response) || code < 200)
            {
                return;
            }
            if (code < 300)
            {
                // §17.2.1: a 2xx ends the transaction; the TU retransmits it until the ACK (§13.3.1.4).
                Terminate();
                return;
            }
            // §17.2.1: 300–699 → Completed; Timer G = T1 on unreliable transports, Timer H = 64*T1.
            SetState(SipTransactionState.Completed);
            if (!Reliable)
            {
                _intervalG = Timers.T1;
                _timerG = StartTimer(OnTimerG, _intervalG);
            }
            StartTimer(OnTimerH, Timers.TransactionTimeout);
        }
    }

    private void OnTimerG()
    {
        if (State != SipTransactionState.Completed)
        {
            return;
        }
        // §17.2.1: Timer G → retransmit the final response; interval min(2*G, T2).
        Send(LastResponse!);
        _intervalG = TimeSpan.FromTicks(Math.Min((_intervalG * 2).Ticks, Timers.T2.Ticks));
        _timerG = StartTimer(OnTimerG, _intervalG);
    }

    private void OnTimerH()
    {
        if (State == SipTransactionState.Completed)
        {
            // §17.2.1: Timer H → the ACK never came; tell the TU, Terminated.
            RaiseTimedOut();
            Terminate();
        }
    }
}
