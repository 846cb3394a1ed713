using Microsoft.Extensions.Logging;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// The media of one call through the relay: a caller leg and an agent leg, relaying from the moment it is created.
/// Give each leg its peer's SDP with <c>SetRemote</c>, write each leg's <see cref="RtpLeg.AnchorEndPoint"/> into the SDP
/// sent to that peer, and dispose the session on hangup to close the sockets and release the ports.
/// </summary>
public sealed class RtpSession : IAsyncDisposable
{
    private readonly RtpRelay _relay;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<RtpLegRole> _timedOut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _mediaTimeout;
    private readonly ITimer? _timeoutTimer;
    private IRtpRecordingTap? _tap;
    private Task _receiving = Task.CompletedTask;
    private volatile bool _onHold;
    private volatile bool _awaitingAnswer;
    private int _disposed;
    private int _tapFailures;

    internal RtpSession(RtpRelay relay, RtpRelayOptions options, Func<RtpSession, (RtpLeg Caller, RtpLeg Agent)> createLegs, IRtpRecordingTap? tap, TimeProvider time, ILogger logger, string? key = null)
    {
        _relay = relay;
        Key = key;
        _logger = logger;
        _tap = tap;
        Time = time;
        _mediaTimeout = options.MediaTimeout;
        (Caller, Agent) = createLegs(this);
        Caller.Other = Agent;
        Agent.Other = Caller;
        if (_mediaTimeout > TimeSpan.Zero)
        {
            // Checked a few times per timeout period, so a dead leg is noticed within 1.25 × MediaTimeout.
            var period = _mediaTimeout / 4;
            _timeoutTimer = time.CreateTimer(_ => CheckMediaTimeout(), null, period, period);
        }
    }

    public RtpLeg Caller { get; }

    public RtpLeg Agent { get; }

    public RtpLeg this[RtpLegRole role] => role == RtpLegRole.Caller ? Caller : Agent;

    /// <summary>The caller's name for the session (the B2BUA's call key), under which <see cref="RtpRelay.TryGetCounters"/> finds it.</summary>
    public string? Key { get; }

    /// <summary>Both legs' counts now (live: <see cref="RtpSessionCounters.Closed"/> is false).</summary>
    public RtpSessionCounters Counters => new(Caller.Counters, Agent.Counters, Closed: false);

    /// <summary>
    /// Completes, with the silent leg, when a leg has sent no RTP for <see cref="RtpRelayOptions.MediaTimeout"/> while not
    /// on hold; the B2BUA then ends the call (sends BYE both ways). Never completes if the call ends first.
    /// </summary>
    public Task<RtpLegRole> MediaTimedOut => _timedOut.Task;

    /// <summary>
    /// Set while the call is on hold (a re-INVITE with sendonly/inactive, <see cref="Sdp.SdpOfferAnswer.IsHold"/>): a held
    /// peer may legitimately send nothing, so the media timeout is suspended, and restarts from zero on resume.
    /// </summary>
    public bool OnHold
    {
        get => _onHold;
        set
        {
            if (_onHold && !value)
            {
                Caller.TouchMediaClock();
                Agent.TouchMediaClock();
            }

            _onHold = value;
        }
    }

    /// <summary>
    /// Set by the B2BUA while the call is not answered yet: a phone that rings sends no RTP, and a queued caller may
    /// wait longer than the media timeout, so the timeout is suspended, and starts from zero at the answer.
    /// </summary>
    public bool AwaitingAnswer
    {
        get => _awaitingAnswer;
        set
        {
            if (_awaitingAnswer && !value)
            {
                Caller.TouchMediaClock();
                Agent.TouchMediaClock();
            }

            _awaitingAnswer = value;
        }
    }

    /// <summary>Starts (or replaces) the recording tap: the B2BUA records from the answer, not from the ringing.</summary>
    public void AttachTap(IRtpRecordingTap? tap) => Volatile.Write(ref _tap, tap);

    /// <summary>Recording tap failures; after the first the tap is detached for the rest of the call.</summary>
    public int TapFailures => Volatile.Read(ref _tapFailures);

    internal TimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timeoutTimer?.Dispose();
        // Synchronously: the only callbacks are the pending receives' aborts, and CancelAsync would queue them to the
        // thread pool first, one more hop per call.
        _stop.Cancel();
        foreach (var leg in new[] { Caller, Agent })
        {
            leg.RtpSocket.Dispose();
            leg.RtcpSocket.Dispose();
        }

        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _relay.Release(this);
        _stop.Dispose();
        RtpLog.Closed(_logger, Caller.Counters, Agent.Counters);
    }

    internal void Start()
    {
        _receiving = Task.WhenAll(Caller.StartAsync(_stop.Token), Agent.StartAsync(_stop.Token));
        RtpLog.Opened(_logger, Caller.LocalRtpEndPoint, Agent.LocalRtpEndPoint);
    }

    internal void Tap(RtpLegRole role, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        var tap = Volatile.Read(ref _tap);
        if (tap is null)
        {
            return;
        }

        try
        {
            tap.OnAudio(role, header, payload);
        }
#pragma warning disable CA1031 // a failing recorder must not take the call's audio down with it
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _tap, null);
            Interlocked.Increment(ref _tapFailures);
            RtpLog.TapFailed(_logger, e, role);
        }
    }

    internal void OnLatched(RtpLeg leg, System.Net.IPEndPoint remote) => RtpLog.Latched(_logger, leg.Role, remote);

    private void CheckMediaTimeout()
    {
        if (_onHold || _awaitingAnswer || _timedOut.Task.IsCompleted || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        foreach (var leg in new[] { Caller, Agent })
        {
            if (leg.SinceLastRtp >= _mediaTimeout && _timedOut.TrySetResult(leg.Role))
            {
                RtpLog.TimedOut(_logger, leg.Role, _mediaTimeout);
                return;
            }
        }
    }
}
