using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1, Figure 5: the INVITE client transaction.</summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private ITimer? _timerA;
    private ITimer? _timerB;
    private TimeSpan _intervalA;
    private SipMessage? _ack;

    public InviteClientTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
        : base(request, reliable, send, timers, timeProvider)
    {
        if (request.Method != SipMethod.Invite)
        {
            throw new ArgumentException("An INVITE client transaction needs an INVITE.", nameof(request));
        }
    }

    public override void Start()
    {
        lock (Gate)
        {
            // §17.1.1.2: enter Calling and send; Timer A = T1 on unreliable transports, Timer B = 64*T1 always.
            SetState(SipTransactionState.Calling);
            if (!Send(Request))
            {
                return;
            }
            if (!Reliable)
            {
                _intervalA = Timers.T1;
                _timerA = StartTimer(OnTimerA, _intervalA);
            }
            _timerB = StartTimer(OnTimerB, Timers.TransactionTimeout);
        }
    }

    public override void ReceiveResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            var code = response.StatusCode;
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when code < 200:
                    // §17.1.1.2: a provisional response stops retransmissions and moves to Proceeding.
                    SetState(SipTransactionState.Proceeding);
                    Stop(ref _timerA);
                    Stop(ref _timerB);
                    RaiseResponse(response);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when code < 300:
                    // §17.1.1.2: a 2xx goes to the TU and the transaction ends; the TU sends the ACK (§13.2.2.4).
                    RaiseResponse(response);
                    Terminate();
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    // §17.1.1.2: 300–699 → Completed, ACK sent by the transaction, Timer D absorbs retransmissions.
                    SetState(SipTransactionState.Completed);
                    Stop(ref _timerA);
                    Stop(ref _timerB);
                    _ack = BuildAck(response);
                    Send(_ack);
                    RaiseResponse(response);
                    TerminateAfter(Reliable ? TimeSpan.Zero : Timers.TimerD);
                    break;
                case SipTransactionState.Completed when code >= 300:
                    // A retransmitted final response: ACK again, do not tell the TU.
                    Send(_ack!);
                    break;
            }
        }
    }

    /// <summary>
    /// The TU gives up on an INVITE that has had no response at all, which §9.1 forbids it to CANCEL: retransmissions
    /// stop and the transaction terminates without a timeout to the TU (it reported the failure itself). False, and
    /// nothing changes, once a response came: then CANCEL is the way.
    /// </summary>
    public bool Abandon()
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Calling)
            {
                return false;
            }
            Terminate();
            return true;
        }
    }

    private void OnTimerA()
    {
        if (State != SipTransactionState.Calling)
        {
            return;
        }
        // §17.1.1.2: Timer A fires → retransmit and double the interval (no T2 cap for INVITE).
        Send(Request);
        _intervalA *= 2;
        _timerA = StartTimer(OnTimerA, _intervalA);
    }

    private void OnTimerB()
    {
        if (State == SipTransactionState.Calling)
        {
            // §17.1.1.2: Timer B fires in Calling → timeout to the TU, Terminated.
            RaiseTimedOut();
            Terminate();
        }
    }

    /// <summary>§17.1.1.3: the ACK for a non-2xx final response.</summary>
    private SipMessage BuildAck(SipMessage response)
    {
        var builder = SipMessageBuilder.Request(SipMethod.Ack, Request.RequestUriText)
            .Add(SipHeaderId.Via, Request.GetHeaderLines(SipHeaderId.Via)[0].Split(',')[0])
            .Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, Request.GetHeader(SipHeaderId.From)!)
            .Add(SipHeaderId.To, response.GetHeader(SipHeaderId.To)!)
            .Add(SipHeaderId.CallId, Request.CallId)
            .Add(SipHeaderId.CSeq, new SipCSeq(Request.CSeq.Number, SipMethod.Ack).ToString());
        foreach (var route in Request.GetHeaderLines(SipHeaderId.Route))
        {
            builder.Add(SipHeaderId.Route, route);
        }
        return builder.Build();
    }
}
