using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CtiCore.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// One side of a relayed call: the relay's RTP/RTCP port pair facing one peer. What the peer sends here is checked and
/// forwarded, from the other leg's ports, to the other peer (media anchoring: each peer only ever sees the relay).
/// The peer's address comes from its SDP (<see cref="SetRemote(SdpAudioMedia)"/>) and is then latched to the source of
/// its first valid packet (symmetric RTP, RFC 4961), which is where replies go from then on.
/// </summary>
public sealed class RtpLeg
{
    /// <summary>Bigger than any RTP packet over a 1500-octet MTU; a datagram that fills it is treated as oversized.</summary>
    internal const int BufferSize = 2048;

    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly RtpSession _session;
    private readonly bool _latchFromAnyAddress;
    private volatile Remote _remote = new(null, null, RtpPayloadTypeSet.G711);
    private SocketAddress? _latchedRtp;
    private SocketAddress? _latchedRtcp;
    private long _lastRtp;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _packetsForwarded;
    private long _bytesForwarded;
    private long _rtcpReceived;
    private long _rtcpForwarded;
    private long _droppedMalformed;
    private long _droppedPayloadType;
    private long _droppedSource;
    private long _droppedNoDestination;

    internal RtpLeg(RtpSession session, RtpLegRole role, Socket rtp, Socket rtcp, IPAddress advertised, bool latchFromAnyAddress)
    {
        _session = session;
        Role = role;
        _rtp = rtp;
        _rtcp = rtcp;
        _latchFromAnyAddress = latchFromAnyAddress;
        LocalRtpEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
        LocalRtcpEndPoint = (IPEndPoint)rtcp.LocalEndPoint!;
        AnchorEndPoint = new IPEndPoint(advertised, LocalRtpEndPoint.Port);
        _lastRtp = session.Time.GetTimestamp();
    }

    public RtpLegRole Role { get; }

    /// <summary>The bound RTP socket (RTCP is on the next port).</summary>
    public IPEndPoint LocalRtpEndPoint { get; }

    public IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>The endpoint to write into this leg's SDP (<see cref="SdpAnswerOptions.Anchor"/>): the advertised address and the RTP port.</summary>
    public IPEndPoint AnchorEndPoint { get; }

    /// <summary>Where this leg's peer said (in SDP) it receives RTP; null before its SDP or while held with c=0.0.0.0.</summary>
    public IPEndPoint? AnnouncedRtpEndPoint { get; private set; }

    /// <summary>The source the leg latched to, or null until the peer's first accepted packet.</summary>
    public IPEndPoint? LatchedRtpEndPoint => Volatile.Read(ref _latchedRtp) is { } latched ? SocketAddressMatch.ToEndPoint(latched) : null;

    internal RtpLeg Other { get; set; } = null!;

    internal Socket RtpSocket => _rtp;

    internal Socket RtcpSocket => _rtcp;

    internal TimeSpan SinceLastRtp => _session.Time.GetElapsedTime(Volatile.Read(ref _lastRtp));

    public RtpLegCounters Counters => new(
        Interlocked.Read(ref _packetsReceived),
        Interlocked.Read(ref _bytesReceived),
        Interlocked.Read(ref _packetsForwarded),
        Interlocked.Read(ref _bytesForwarded),
        Interlocked.Read(ref _rtcpReceived),
        Interlocked.Read(ref _rtcpForwarded),
        Interlocked.Read(ref _droppedMalformed),
        Interlocked.Read(ref _droppedPayloadType),
        Interlocked.Read(ref _droppedSource),
        Interlocked.Read(ref _droppedNoDestination));

    /// <summary>Applies the peer's SDP (offer or answer, and every re-INVITE): where it receives and what it may send.</summary>
    public void SetRemote(SdpAudioMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        SetRemote(media.RtpEndPoint, media.RtcpEndPoint, media.PayloadTypes);
    }

    /// <summary>
    /// Sets where the peer receives RTP and RTCP and which payload types it may send. A new address forgets the
    /// latched one (a re-INVITE may move the media); the same address keeps it.
    /// </summary>
    public void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp, IEnumerable<int> payloadTypes)
    {
        ArgumentNullException.ThrowIfNull(payloadTypes);
        var moved = !Equals(rtp, AnnouncedRtpEndPoint);
        AnnouncedRtpEndPoint = rtp;
        _remote = new Remote(rtp?.Serialize(), (rtcp ?? (rtp is null ? null : new IPEndPoint(rtp.Address, Math.Min(rtp.Port + 1, IPEndPoint.MaxPort))))?.Serialize(), RtpPayloadTypeSet.Of(payloadTypes));
        if (moved)
        {
            Volatile.Write(ref _latchedRtp, null);
            Volatile.Write(ref _latchedRtcp, null);
        }
    }

    internal void TouchMediaClock() => Volatile.Write(ref _lastRtp, _session.Time.GetTimestamp());

    /// <remarks>
    /// The loops start on the caller's thread and return at their first pending receive: no thread-pool hop per
    /// socket at call setup. A packet already waiting is relayed on the caller's thread, which is as safe as any.
    /// </remarks>
    internal Task StartAsync(CancellationToken stop) => Task.WhenAll(
        ReceiveLoopAsync(_rtp, rtcp: false, stop),
        ReceiveLoopAsync(_rtcp, rtcp: true, stop));

    private async Task ReceiveLoopAsync(Socket socket, bool rtcp, CancellationToken stop)
    {
        // One pooled buffer and one SocketAddress per socket for the life of the call: receiving and forwarding a
        // packet allocates nothing (the SocketAddress overloads of ReceiveFromAsync/SendTo build no EndPoint).
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var from = new SocketAddress(socket.AddressFamily);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await new StoppableReceive(socket.ReceiveFromAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None, from, stop), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException) when (!stop.IsCancellationRequested)
                {
                    continue; // e.g. an ICMP port unreachable for an earlier send, reported on this receive
                }
                catch (SocketException)
                {
                    return;
                }

                if (received == StoppableReceive.Stopped)
                {
                    return;
                }
                if (rtcp)
                {
                    OnRtcp(buffer.AsSpan(0, received), from);
                }
                else
                {
                    OnRtp(buffer.AsSpan(0, received), from);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnRtp(ReadOnlySpan<byte> packet, SocketAddress from)
    {
        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, packet.Length);
        if (packet.Length >= BufferSize || !RtpHeader.TryRead(packet, out var header))
        {
            Interlocked.Increment(ref _droppedMalformed);
            return;
        }

        var remote = _remote;
        if (!remote.PayloadTypes.Contains(header.PayloadType))
        {
            Interlocked.Increment(ref _droppedPayloadType);
            return;
        }

        if (!AcceptSource(ref _latchedRtp, remote.Rtp, from, logLatch: true))
        {
            Interlocked.Increment(ref _droppedSource);
            return;
        }

        Volatile.Write(ref _lastRtp, _session.Time.GetTimestamp());
        if (Other.SendRtp(packet))
        {
            Interlocked.Increment(ref _packetsForwarded);
            Interlocked.Add(ref _bytesForwarded, packet.Length);
        }
        else
        {
            Interlocked.Increment(ref _droppedNoDestination);
        }

        if (header.PayloadType is 0 or 8)
        {
            _session.Tap(Role, header, packet.Slice(header.HeaderLength, header.PayloadLength));
        }
    }

    private void OnRtcp(ReadOnlySpan<byte> packet, SocketAddress from)
    {
        if (packet.Length >= BufferSize || !RtpHeader.IsValidRtcp(packet) || !AcceptSource(ref _latchedRtcp, _remote.Rtcp, from, logLatch: false))
        {
            Interlocked.Increment(ref _droppedMalformed);
            return;
        }

        Interlocked.Increment(ref _rtcpReceived);
        if (Other.SendRtcp(packet))
        {
            Interlocked.Increment(ref _rtcpForwarded);
        }
    }

    /// <summary>A packet the relay made itself (a tone) to this leg's peer, as if forwarded from the other leg.</summary>
    internal bool SendGenerated(ReadOnlySpan<byte> packet) => SendRtp(packet);

    /// <summary>Sends a packet from this leg's RTP port to this leg's peer: the latched source, else the SDP address.</summary>
    private bool SendRtp(ReadOnlySpan<byte> packet) => Send(_rtp, Volatile.Read(ref _latchedRtp) ?? _remote.Rtp, packet);

    private bool SendRtcp(ReadOnlySpan<byte> packet) => Send(_rtcp, Volatile.Read(ref _latchedRtcp) ?? _remote.Rtcp, packet);

    private static bool Send(Socket socket, SocketAddress? to, ReadOnlySpan<byte> packet)
    {
        if (to is null)
        {
            return false;
        }

        try
        {
            return socket.SendTo(packet, SocketFlags.None, to) == packet.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private bool AcceptSource(ref SocketAddress? latched, SocketAddress? announced, SocketAddress from, bool logLatch)
    {
        var current = Volatile.Read(ref latched);
        if (current is not null)
        {
            return current.Equals(from);
        }

        // Latch only to the host the SDP named (any port: NAT may rewrite it), unless latching from anywhere is allowed.
        if (!_latchFromAnyAddress && (announced is null || !SocketAddressMatch.SameHost(announced, from)))
        {
            return false;
        }

        Volatile.Write(ref latched, SocketAddressMatch.Copy(from));
        if (logLatch)
        {
            _session.OnLatched(this, SocketAddressMatch.ToEndPoint(from));
        }

        return true;
    }

    private sealed record Remote(SocketAddress? Rtp, SocketAddress? Rtcp, RtpPayloadTypeSet PayloadTypes);
}
