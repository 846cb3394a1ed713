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
    private readonly Lock _lock = new();

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
    public bool TryCreateSession([NotNullWhen(true)] out RtpSession? session, IRtpRecordingTap? tap = null)
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
            new RtpLeg(s, RtpLegRole.Agent, agentRtp!, agentRtcp!, advertised, latchAny)), tap, _time, _logger);
        lock (_lock)
        {
            _sessions.Add(session);
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

    internal void Release(RtpSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session);
        }

        _ports.Release(session.Caller.LocalRtpEndPoint.Port);
        _ports.Release(session.Agent.LocalRtpEndPoint.Port);
    }
}
