using CtiCore.Media.Wav;

namespace CtiCore.Media.Capture;

/// <summary>
/// Writes a call's two G.711 RTP streams as one stereo 16-bit WAV (caller left, agent right), which the recording
/// pipeline then encodes like any mixed source (<c>RecordingSource.Mixed</c>).
/// </summary>
/// <remarks>
/// Each stream is placed by its RTP timestamps (RFC 3550 §5.1: the sampling instant, 8 kHz for G.711), so lost or
/// suppressed packets leave silence of the right length. The two streams have unrelated timestamp bases; they are tied
/// to each other by arrival: a stream's first packet (and the first after an SSRC change) lands where the recording
/// clock stands when it arrives. A window of <see cref="WindowFrames"/> is kept in memory so a late packet of one leg
/// still lands beside the other leg's audio; older frames go to disk. Thread-safe: the two legs call concurrently.
/// </remarks>
public sealed class StereoCallRecorder : IDisposable
{
    public const int SampleRate = 8000;

    /// <summary>Two seconds of jitter between the legs is absorbed; what arrives later than that is dropped.</summary>
    public const int WindowFrames = 2 * SampleRate;

    /// <summary>A timestamp jump larger than this (a misbehaving peer) re-anchors the stream instead of leaving a long gap.</summary>
    private const int MaxTimestampJump = 10 * SampleRate;

    private readonly WavWriter _writer;
    private readonly TimeProvider _time;
    private readonly short[] _ring = new short[2 * WindowFrames];
    private readonly ChannelState[] _channels = [new(), new()];
    private readonly Lock _lock = new();
    private long _startTimestamp = -1;
    private long _flushed; // frames already written to the WAV
    private long _end;     // one past the last frame holding audio
    private bool _completed;

    public StereoCallRecorder(Stream output, TimeProvider? time = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _writer = new WavWriter(output, new WavFormat(WavEncoding.Pcm16, SampleRate, 2), leaveOpen);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Samples dropped because they arrived after their place had been written out.</summary>
    public long LateSamples { get; private set; }

    /// <summary>Frames in the recording so far (written and pending).</summary>
    public long Frames
    {
        get
        {
            lock (_lock)
            {
                return _end;
            }
        }
    }

    public static StereoCallRecorder Create(string path, TimeProvider? time = null)
        => new(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024), time);

    /// <summary>Places one RTP packet's G.711 payload on its channel.</summary>
    public void Write(CallChannel channel, G711Law law, uint ssrc, uint rtpTimestamp, ReadOnlySpan<byte> payload)
    {
        if (channel is not (CallChannel.Caller or CallChannel.Agent))
        {
            throw new ArgumentOutOfRangeException(nameof(channel));
        }

        lock (_lock)
        {
            if (_completed || payload.IsEmpty)
            {
                return;
            }

            var position = Place(_channels[(int)channel], ssrc, rtpTimestamp, payload.Length);
            var skip = 0;
            if (position < _flushed)
            {
                skip = (int)Math.Min(payload.Length, _flushed - position);
                LateSamples += skip;
                if (skip == payload.Length)
                {
                    return;
                }
            }

            var last = position + payload.Length;
            if (last > _flushed + WindowFrames)
            {
                // Write out enough to make room, plus half a window so this happens once a second, not per packet.
                Flush(Math.Min(last - WindowFrames + (WindowFrames / 2), _end));
                Flush(last - WindowFrames);
            }

            var offset = (int)channel;
            for (var i = skip; i < payload.Length; i++)
            {
                var index = (int)((position + i) % WindowFrames);
                _ring[(2 * index) + offset] = law == G711Law.MuLaw ? G711.MuLawToLinear(payload[i]) : G711.ALawToLinear(payload[i]);
            }

            _end = Math.Max(_end, last);
        }
    }

    /// <summary>Writes what is pending and the final WAV sizes. Later writes are ignored.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            Flush(_end);
            _writer.Complete();
            _completed = true;
        }
    }

    public void Dispose()
    {
        Complete();
        _writer.Dispose();
    }

    private long Place(ChannelState state, uint ssrc, uint timestamp, int samples)
    {
        var now = _time.GetTimestamp();
        if (_startTimestamp < 0)
        {
            _startTimestamp = now;
        }

        if (state.Anchored && state.Ssrc == ssrc)
        {
            var step = (int)(timestamp - state.LastTimestamp); // signed: handles the 32-bit wrap
            if (Math.Abs(step) <= MaxTimestampJump)
            {
                state.LastTimestamp = timestamp;
                var position = state.AnchorPosition + (int)(timestamp - state.AnchorTimestamp);
                state.End = Math.Max(state.End, position + samples);
                return position;
            }
        }

        // A new stream starts where the recording clock stands, but never over audio this channel already has.
        var arrival = (long)(_time.GetElapsedTime(_startTimestamp, now).TotalSeconds * SampleRate);
        state.Anchored = true;
        state.Ssrc = ssrc;
        state.AnchorTimestamp = timestamp;
        state.LastTimestamp = timestamp;
        state.AnchorPosition = Math.Max(arrival, state.End);
        state.End = state.AnchorPosition + samples;
        return state.AnchorPosition;
    }

    private void Flush(long upTo)
    {
        if (upTo <= _flushed)
        {
            return;
        }

        while (_flushed < upTo)
        {
            var index = (int)(_flushed % WindowFrames);
            var frames = (int)Math.Min(upTo - _flushed, WindowFrames - index); // contiguous up to the ring's end
            var span = _ring.AsSpan(2 * index, 2 * frames);
            _writer.Write(span);
            span.Clear(); // the slot is reused for later frames: silence unless a packet fills it
            _flushed += frames;
        }
    }

    private sealed class ChannelState
    {
        public bool Anchored;
        public uint Ssrc;
        public uint AnchorTimestamp;
        public uint LastTimestamp;
        public long AnchorPosition;
        public long End;
    }
}
