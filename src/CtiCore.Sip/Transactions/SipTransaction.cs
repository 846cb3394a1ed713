using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 state machines share: the request, the transport's reliability, a sender, timers on
/// <see cref="TimeProvider"/>, and one lock so that a timer and an arriving message never interleave.
/// </summary>
public abstract class SipTransaction : IDisposable
{
    private readonly Action<SipMessage> _send;
    private readonly List<ITimer> _timers = [];

    protected SipTransaction(SipMessage request, bool reliable, Action<SipMessage> send, SipTimerOptions timers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(timers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Request = request;
        Reliable = reliable;
        _send = send;
        Timers = timers;
        TimeProvider = timeProvider;
    }

    public SipMessage Request { get; }

    /// <summary>True on TCP/TLS: no retransmissions, and the wait timers D, I, J, K are zero (Table 4).</summary>
    public bool Reliable { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>Raised once, when the machine reaches Terminated.</summary>
    public event EventHandler? Terminated;

    /// <summary>Raised when the transport could not send (§17.1.4, §17.2.4); the transaction then terminates.</summary>
    public event EventHandler? TransportFailed;

    protected SipTimerOptions Timers { get; }

    protected TimeProvider TimeProvider { get; }

    protected object Gate { get; } = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (Gate)
            {
                StopTimers();
            }
        }
    }

    protected void SetState(SipTransactionState state) => State = state;

    /// <summary>
    /// The transport failed after the send had returned (§17.1.4, §17.2.4): a TCP connect refused or timed out, a
    /// connection that closed before the write. Told like a failed send: the TU hears it (a UAC then treats it as a
    /// 503, §8.1.3.1) and the transaction terminates. Nothing happens once the machine has terminated.
    /// </summary>
    public void FailTransport()
    {
        lock (Gate)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }
            TransportFailed?.Invoke(this, EventArgs.Empty);
            Terminate();
        }
    }

    /// <summary>Sends; a transport failure terminates the transaction and tells the TU.</summary>
    protected bool Send(SipMessage message)
    {
        try
        {
            _send(message);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or ObjectDisposedException)
        {
            TransportFailed?.Invoke(this, EventArgs.Empty);
            Terminate();
            return false;
        }
    }

    /// <summary>Starts a one-shot timer whose callback runs under the transaction lock, unless the machine has terminated.</summary>
    protected ITimer StartTimer(Action onFire, TimeSpan due)
    {
        var timer = TimeProvider.CreateTimer(
            _ =>
            {
                lock (Gate)
                {
                    if (State != SipTransactionState.Terminated)
                    {
                        onFire();
                    }
                }
            },
            null,
            due,
            Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
        return timer;
    }

    protected static void Stop(ref ITimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }

    protected void Terminate()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }
        State = SipTransactionState.Terminated;
        StopTimers();
        Terminated?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>A zero wait (reliable transports) terminates at once; otherwise after the timer.</summary>
    protected void TerminateAfter(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            Terminate();
        }
        else
        {
            StartTimer(Terminate, wait);
        }
    }

    private void StopTimers()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }
        _timers.Clear();
    }
}
