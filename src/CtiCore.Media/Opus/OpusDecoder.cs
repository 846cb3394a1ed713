using CtiCore.Media.Native;

namespace CtiCore.Media.Opus;

/// <summary>A libopus decoder; output at any Opus rate (8, 12, 16, 24 or 48 kHz) whatever the rate of the encoder.</summary>
public sealed class OpusDecoder : IDisposable
{
    /// <summary>120 ms, the longest Opus packet (RFC 6716 §3.2.5), in samples at 48 kHz.</summary>
    public const int MaxPacketSamplesAt48Khz = 5760;

    private readonly OpusDecoderHandle _handle;

    public OpusDecoder(int sampleRate, int channels)
    {
        NativePlatform.EnsureSupported();
        _handle = OpusNative.DecoderCreate(sampleRate, channels, out var error);
        if (error != OpusNative.Ok || _handle.IsInvalid)
        {
            _handle.Dispose();
            throw new OpusException($"opus_decoder_create({sampleRate} Hz, {channels} ch) failed: {OpusNative.Describe(error)}", error);
        }

        SampleRate = sampleRate;
        Channels = channels;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Room needed in the output span for any packet: 120 ms at this rate, every channel.</summary>
    public int MaxFrameSamples => MaxPacketSamplesAt48Khz / (48_000 / SampleRate) * Channels;

    /// <summary>Decodes one packet into interleaved samples; returns samples per channel.</summary>
    public unsafe int Decode(ReadOnlySpan<byte> packet, Span<short> interleaved)
    {
        fixed (byte* data = packet)
        fixed (short* pcm = interleaved)
        {
            var samples = OpusNative.Decode(_handle, data, packet.Length, pcm, interleaved.Length / Channels, 0);
            return samples >= 0 ? samples : throw new OpusException($"opus_decode failed: {OpusNative.Describe(samples)}", samples);
        }
    }

    /// <summary>Samples per channel at 48 kHz that a packet carries (TOC and frame count, RFC 6716 §3.1), or an error.</summary>
    public static unsafe int PacketSamplesAt48Khz(ReadOnlySpan<byte> packet)
    {
        NativePlatform.EnsureSupported();
        fixed (byte* data = packet)
        {
            var samples = OpusNative.PacketGetSampleCount(data, packet.Length, 48_000);
            return samples >= 0 ? samples : throw new OpusException($"Invalid Opus packet: {OpusNative.Describe(samples)}", samples);
        }
    }

    public void Dispose() => _handle.Dispose();
}
