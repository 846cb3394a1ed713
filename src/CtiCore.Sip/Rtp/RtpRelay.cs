using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// The media relay of the B2BUA: owns the port range and opens one <see cref="RtpSession"/> per call. One instance per
/// server; thread-safe.
/// </summary>
public sealed class RtpRelay : IAsyncDisposable
{
    private readonly RtpRelayOptions _options;
    private readonly RtpPortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<RtpSession> _sessions = [];
    private readonly Dictionary<string, RtpSession> _byKey = new(StringComparer.Ordinal);

    /// <summary>Final counts of the most recently closed keyed sessions, oldest first out (<see cref="ClosedCountersKept"/>).</summary>
    private readonly Dictionary<string, RtpSessionCounters> _closed = new(StringComparer.Ordinal);
    private readonly Queue<string> _closedOrder = new();
    private readonly Lock _lock = new();

    /// <summary>How many closed sessions' final counters stay readable: enough for a call's end to be reported, bounded.</summary>
    public const int ClosedCountersKept = 256;

    public RtpRelay(RtpRelayOptions options, TimeProvider? time = null, ILogger<RtpRelay>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ports = new RtpPortAllocator(options.BindIPAddress, options.PortRangeStart, options.PortRangeEnd);
    }

    public int ActiveSessions
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Port pairs currently held (two per session).</summary>
    public int PortPairsInUse => _ports.InUse;

    /// <summary>
    /// Opens a session with two port pairs, relaying at once. False when the range has no two free pairs left: the
    /// B2BUA then refuses the call (503, RFC 3261 §21.5.4) instead of failing later.
    /// </summary>
    /// <param name="key">Names the session (the B2BUA's call key) for <see cref="TryGetCounters"/>; null: not looked up.</param>
    public bool TryCreateSession([NotNullWhen(true)] out RtpSession? session, IRtpRecordingTap? tap = null, string? key = null)
    {
        session = null;
        if (!_ports.TryBind(out var callerRtp, out var callerRtcp))
        {
            RtpLog.PortsExhausted(_logger, _options.PortRangeStart, _options.PortRangeEnd);
            return false;
        }

        if (!_ports.TryBind(out var agentRtp, out var agentRtcp))
        {
            _ports.Release(((System.Net.IPEndPoint)callerRtp!.LocalEndPoint!).Port);
            callerRtp.Dispose();
            callerRtcp!.Dispose();
            RtpLog.PortsExhausted(_logger, _options.PortRangeStart, _options.PortRangeEnd);
            return false;
        }

        var advertised = _options.AdvertisedIPAddress;
        var latchAny = _options.AllowLatchingFromAnyAddress;
        session = new RtpSession(this, _options, s => (
            new RtpLeg(s, RtpLegRole.Caller, callerRtp!, callerRtcp!, advertised, latchAny),
            new RtpLeg(s, RtpLegRole.Agent, agentRtp!, agentRtcp!, advertised, latchAny)), tap, _time, _logger, key);
        lock (_lock)
        {
            _sessions.Add(session);
            if (key is not null)
            {
                _byKey[key] = session;
                _closed.Remove(key);
            }
        }

        session.Start();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        RtpSession[] open;
        lock (_lock)
        {
            open = [.. _sessions];
        }

        foreach (var session in open)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The counts of the session named <paramref name="key"/>: live while it is open, final (Closed) once it closed,
    /// for the last <see cref="ClosedCountersKept"/> closed sessions. False for a key never seen or long forgotten.
    /// </summary>
    public bool TryGetCounters(string key, out RtpSessionCounters counters)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var open))
            {
                counters = open.Counters;
                return true;
            }

            return _closed.TryGetValue(key, out counters);
        }
    }

    /// <summary>Called once the session's receive loops stopped: its counts are final.</summary>
    internal void Release(RtpSession session)
    {
        var final = session.Counters with { Closed = true };
        lock (_lock)
        {
            _sessions.Remove(session);
            if (session.Key is { } key && _byKey.TryGetValue(key, out var named) && named == session)
            {
                _byKey.Remove(key);
                _closed[key] = final;
                _closedOrder.Enqueue(key);
                while (_closedOrder.Count > ClosedCountersKept)
                {
                    var oldest = _closedOrder.Dequeue();
                    if (!_byKey.ContainsKey(oldest) && !_closedOrder.Contains(oldest))
                    {
                        _closed.Remove(oldest);
                    }
                }
            }
        }

        _ports.Release(session.Caller.LocalRtpEndPoint.Port);
        _ports.Release(session.Agent.LocalRtpEndPoint.Port);
    }
}
