using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>RFC 3261 §17.1.2, Figure 6: the non-INVITE client transaction.</summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    private ITimer? _timerE;
    private ITimer? _timerF;
    private TimeSpan _intervalE;

    public NonInviteClientTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
        if (request.Method is SipMethod.Invite or SipMethod.Ack)
        {
            throw new ArgumentException("INVITE and ACK do not use the non-INVITE client transaction.", nameof(request));
        }
    }

    public override void Start()
    {
        lock (Gate)
        {
            // §17.1.2.2: Trying; Timer F = 64*T1; Timer E = T1 on unreliable transports.
            SetState(SipTransactionState.Trying);
            if (!Send(Request))
            {
                return;
            }
            if (!Reliable)
            {
                _intervalE = Timers.T1;
                _timerE = StartTimer(OnTimerE, _intervalE);
            }
            _timerF = StartTimer(OnTimerF, Timers.TransactionTimeout);
        }
    }

    public override void ReceiveResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // Completed absorbs retransmitted finals (§17.1.2.2).
            }
            if (response.StatusCode < 200)
            {
                SetState(SipTransactionState.Proceeding);
                RaiseResponse(response);
                return;
            }
            // §17.1.2.2: a final response → Completed; Timer K = T4 (unreliable) or 0 absorbs retransmissions.
            SetState(SipTransactionState.Completed);
            Stop(ref _timerE);
            Stop(ref _timerF);
            RaiseResponse(response);
            TerminateAfter(Reliable ? TimeSpan.Zero : Timers.T4);
        }
    }

    private void OnTimerE()
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }
        // §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
        Send(Request);
        _intervalE = State == SipTransactionState.Trying
            ? TimeSpan.FromTicks(Math.Min((_intervalE * 2).Ticks, Timers.T2.Ticks))
            : Timers.T2;
        _timerE = StartTimer(OnTimerE, _intervalE);
    }

    private void OnTimerF()
    {
        if (State is SipTransactionState.Trying or SipTransactionState.Proceeding)
        {
            // §17.1.2.2: Timer F fires → timeout to the TU, Terminated.
            RaiseTimedOut();
            Terminate();
        }
    }
}
