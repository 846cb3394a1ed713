using System.Security.Cryptography;

namespace CtiCore.Sip.Rtp;

/// <summary>
/// Plays <see cref="RingbackTone"/> from the relay to one leg's peer: a 20 ms G.711 packet per frame, under its own
/// SSRC, paced by <see cref="TimeProvider"/> from the start so a late timer tick catches up instead of slowing the
/// cadence. The silent part of the cadence is sent too (as silence): the phone's jitter buffer and any NAT binding stay
/// warm, and the packets keep flowing until the real media replaces them. Dispose to stop.
/// </summary>
internal sealed class RtpTonePlayer : IDisposable
{
    public static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>Frames one tick may catch up; beyond that (a stalled machine) the tone skips ahead rather than burst.</summary>
    private const int MaxCatchUpFrames = 5;

    private readonly RtpLeg _leg;
    private readonly byte _payloadType;
    private readonly bool _aLaw;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly uint _ssrc;
    private readonly uint _firstTimestamp;
    private readonly ushort _firstSequence;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + SamplesPerFrame];
    private long _framesSent;
    private long _nextFrame;
    private bool _disposed;

    private static int SamplesPerFrame => (int)(RingbackTone.SampleRate * Frame.TotalSeconds);

    /// <param name="payloadType">The peer's payload type for <paramref name="aLaw"/>'s law (PCMU, PCMA or a dynamic number for either).</param>
    public RtpTonePlayer(RtpLeg leg, byte payloadType, bool aLaw, TimeProvider time)
    {
        _leg = leg;
        _payloadType = payloadType;
        _aLaw = aLaw;
        _time = time;
        _ssrc = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        _firstTimestamp = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        _firstSequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        _start = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.Zero, Frame);
    }

    /// <summary>Packets sent so far.</summary>
    public long FramesSent
    {
        get
        {
            lock (_gate)
            {
                return _framesSent;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _timer.Dispose();
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            // Frame n is due at n × 20 ms; the one due now is included. Frames skipped after a stall keep their place
            // in the cadence (the RTP timestamp jumps); the sequence number counts only what was sent (RFC 3550 §5.1).
            var due = (long)(_time.GetElapsedTime(_start) / Frame) + 1;
            for (var frame = Math.Max(_nextFrame, due - MaxCatchUpFrames); frame < due; frame++)
            {
                Send(frame, marker: _framesSent == 0);
                _framesSent++;
                _nextFrame = frame + 1;
            }
        }
    }

    private void Send(long frame, bool marker)
    {
        var firstSample = frame * SamplesPerFrame;
        RtpHeader.Write(_packet, _payloadType, unchecked((ushort)(_firstSequence + _framesSent)), unchecked((uint)(_firstTimestamp + firstSample)), _ssrc, marker);
        RingbackTone.Encode(firstSample, _packet.AsSpan(RtpHeader.FixedLength), _aLaw);
        _leg.SendGenerated(_packet);
    }
}
