using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using CtiCore.Media.Native;

namespace CtiCore.Media.Opus;

/// <summary>
/// Writes an Ogg Opus stream (RFC 7845) through libopusenc, the Opus project's reference muxer. Pages go to a
/// caller-owned <see cref="Stream"/> through libopusenc's callback API, so the caller controls fsync and naming.
/// libopusenc resamples to 48 kHz internally and records the source rate in OpusHead, so players restore it.
/// </summary>
public sealed class OggOpusWriter : IDisposable
{
    private readonly Stream _destination;
    private readonly OggOpusEncoderHandle _encoder;
    private GCHandle _self;
    private ExceptionDispatchInfo? _writeFailure;
    private bool _completed;

    private unsafe OggOpusWriter(Stream destination, int sampleRate, int channels, OpusEncodingSettings settings,
        IEnumerable<KeyValuePair<string, string>> tags)
    {
        _destination = destination;
        SampleRate = sampleRate;
        Channels = channels;
        _self = GCHandle.Alloc(this);
        using var comments = OpusEncNative.CommentsCreate();
        if (comments.IsInvalid)
        {
            _self.Free();
            throw new OpusException("ope_comments_create returned NULL (out of memory).");
        }

        foreach (var (tag, value) in tags)
        {
            Check(OpusEncNative.CommentsAdd(comments, tag, value), $"ope_comments_add({tag})");
        }

        var callbacks = new OpusEncNative.Callbacks { Write = &OnWrite, Close = &OnClose };
        // Family 0: mono or stereo in one stream (RFC 7845 §5.1.1.1). libopusenc copies the callbacks struct.
        _encoder = OpusEncNative.EncoderCreateCallbacks(&callbacks, GCHandle.ToIntPtr(_self), comments, sampleRate, channels, 0, out var error);
        if (error != OpusEncNative.Ok || _encoder.IsInvalid)
        {
            _encoder.Dispose();
            _self.Free();
            throw new OpusException($"ope_encoder_create_callbacks({sampleRate} Hz, {channels} ch) failed: {OpusEncNative.Describe(error)}", error);
        }

        try
        {
            // libopusenc creates its encoder for OPUS_APPLICATION_AUDIO; libopus lets the application change until the
            // first frame is encoded, and VOIP favours intelligibility of speech at low rates.
            Ctl(OpusNative.SetApplicationRequest, settings.VoipApplication ? OpusNative.ApplicationVoip : OpusNative.ApplicationAudio);
            Ctl(OpusNative.SetSignalRequest, OpusNative.SignalVoice);
            Ctl(OpusNative.SetBitrateRequest, settings.BitratePerChannel * channels);
            Ctl(OpusNative.SetComplexityRequest, settings.Complexity);
            Ctl(OpusNative.SetVbrRequest, settings.VariableBitrate ? 1 : 0);
            if (settings.CapBandwidthToSource)
            {
                Ctl(OpusNative.SetMaxBandwidthRequest, OpusEncodingSettings.MaxBandwidthFor(sampleRate));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Bytes handed to the destination so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Samples per channel accepted so far.</summary>
    public long FramesWritten { get; private set; }

    public static OggOpusWriter Create(Stream destination, int sampleRate, int channels, OpusEncodingSettings settings,
        IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (channels is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Recordings are mono or stereo.");
        }

        NativePlatform.EnsureSupported();
        return new OggOpusWriter(destination, sampleRate, channels, settings, tags ?? []);
    }

    /// <summary>Encodes interleaved 16-bit samples; any length that holds whole frames.</summary>
    public unsafe void Write(ReadOnlySpan<short> interleaved)
    {
        ObjectDisposedException.ThrowIf(_encoder.IsClosed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The stream has been completed.");
        }

        if (interleaved.Length % Channels != 0)
        {
            throw new ArgumentException("The buffer must hold whole samples for every channel.", nameof(interleaved));
        }

        var frames = interleaved.Length / Channels;
        fixed (short* pcm = interleaved)
        {
            Check(OpusEncNative.EncoderWrite(_encoder, pcm, frames), "ope_encoder_write");
        }

        FramesWritten += frames;
    }

    /// <summary>Flushes the last packets and the end-of-stream page (granule trimmed to the exact input length).</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_encoder.IsClosed, this);
        if (!_completed)
        {
            Check(OpusEncNative.EncoderDrain(_encoder), "ope_encoder_drain");
            _completed = true;
        }
    }

    public void Dispose()
    {
        _encoder.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void Ctl(int request, int value)
    {
        var status = OpusEncNative.EncoderCtl(_encoder, request, value);
        if (status != OpusEncNative.Ok)
        {
            throw new OpusException($"ope_encoder_ctl({request}, {value}) failed: {OpusEncNative.Describe(status)}", status);
        }
    }

    private void Check(int status, string call)
    {
        // A failure inside our write callback surfaces as OPE_WRITE_FAIL; rethrow the real I/O error instead.
        _writeFailure?.Throw();
        if (status != OpusEncNative.Ok)
        {
            throw new OpusException($"{call} failed: {OpusEncNative.Describe(status)}", status);
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe int OnWrite(IntPtr userData, byte* data, int length)
    {
        var writer = (OggOpusWriter)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            writer._destination.Write(new ReadOnlySpan<byte>(data, length));
            writer.BytesWritten += length;
            return 0;
        }
#pragma warning disable CA1031 // An exception must not unwind through native frames; it is captured and rethrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            writer._writeFailure ??= ExceptionDispatchInfo.Capture(ex);
            return 1;
        }
    }

    [UnmanagedCallersOnly]
    private static int OnClose(IntPtr userData) => 0; // the caller owns the stream and its fsync
}
