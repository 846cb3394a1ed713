using CtiCore.Media.Native;

namespace CtiCore.Media.Opus;

/// <summary>
/// A raw libopus encoder (one packet per call, no container), tuned like our recordings (VOIP application, voice
/// signal, narrowband cap at 8 kHz by default). Used for RTP and as the no-container baseline in the benchmark.
/// </summary>
public sealed class OpusEncoder : IDisposable
{
    private readonly OpusEncoderHandle _handle;

    public OpusEncoder(int sampleRate, int channels, OpusEncodingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        NativePlatform.EnsureSupported();
        var application = settings.VoipApplication ? OpusNative.ApplicationVoip : OpusNative.ApplicationAudio;
        _handle = OpusNative.EncoderCreate(sampleRate, channels, application, out var error);
        if (error != OpusNative.Ok || _handle.IsInvalid)
        {
            _handle.Dispose();
            throw new OpusException($"opus_encoder_create({sampleRate} Hz, {channels} ch) failed: {OpusNative.Describe(error)}", error);
        }

        SampleRate = sampleRate;
        Channels = channels;
        Ctl(OpusNative.SetSignalRequest, OpusNative.SignalVoice);
        Ctl(OpusNative.SetBitrateRequest, settings.BitratePerChannel * channels);
        Ctl(OpusNative.SetComplexityRequest, settings.Complexity);
        Ctl(OpusNative.SetVbrRequest, settings.VariableBitrate ? 1 : 0);
        if (settings.CapBandwidthToSource)
        {
            Ctl(OpusNative.SetMaxBandwidthRequest, OpusEncodingSettings.MaxBandwidthFor(sampleRate));
        }
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Encoder delay in samples at <see cref="SampleRate"/> (OPUS_GET_LOOKAHEAD).</summary>
    public int Lookahead
    {
        get
        {
            var status = OpusNative.EncoderCtl(_handle, OpusNative.GetLookaheadRequest, out int value);
            return status == OpusNative.Ok ? value : throw new OpusException("OPUS_GET_LOOKAHEAD failed", status);
        }
    }

    /// <summary>Encodes one frame (2.5–60 ms of interleaved samples) into <paramref name="packet"/>; returns its length.</summary>
    public unsafe int Encode(ReadOnlySpan<short> interleavedFrame, Span<byte> packet)
    {
        if (interleavedFrame.Length % Channels != 0)
        {
            throw new ArgumentException("The frame must hold whole samples for every channel.", nameof(interleavedFrame));
        }

        fixed (short* pcm = interleavedFrame)
        fixed (byte* data = packet)
        {
            var length = OpusNative.Encode(_handle, pcm, interleavedFrame.Length / Channels, data, packet.Length);
            return length >= 0 ? length : throw new OpusException($"opus_encode failed: {OpusNative.Describe(length)}", length);
        }
    }

    public void Dispose() => _handle.Dispose();

    private void Ctl(int request, int value)
    {
        var status = OpusNative.EncoderCtl(_handle, request, value);
        if (status != OpusNative.Ok)
        {
            throw new OpusException($"opus_encoder_ctl({request}, {value}) failed: {OpusNative.Describe(status)}", status);
        }
    }
}
