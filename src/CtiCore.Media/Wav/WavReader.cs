using System.Buffers;
using System.Buffers.Binary;

namespace CtiCore.Media.Wav;

/// <summary>
/// Reads RIFF/WAVE files as Asterisk's MixMonitor writes them (16-bit PCM at 8 or 16 kHz, or G.711 A-law/µ-law),
/// mono or stereo, and decodes them to interleaved 16-bit samples. Validation happens in <see cref="Open(string)"/>:
/// every structural problem is a <see cref="WavFormatException"/> with a reason, before a single sample is read.
/// </summary>
/// <remarks>
/// Asterisk fills in the RIFF and data sizes when it closes the file (format_wav.c update_header). A file left by a
/// crash therefore says "0 bytes of data" yet carries audio; we read such data to the end of the file rather than lose
/// the call, and say so with <see cref="HeaderWasUnfinalized"/>.
/// </remarks>
public sealed class WavReader : IDisposable
{
    private const int WaveFormatPcm = 1;
    private const int WaveFormatALaw = 6;
    private const int WaveFormatMuLaw = 7;
    private const int WaveFormatExtensible = 0xFFFE;
    private const int MaxSampleRate = 384_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _path;
    private long _framesLeft;
    private byte[]? _scratch;

    private WavReader(Stream stream, bool leaveOpen, string path, WavFormat format, long frameCount, bool unfinalized)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _path = path;
        Format = format;
        FrameCount = frameCount;
        _framesLeft = frameCount;
        HeaderWasUnfinalized = unfinalized;
    }

    public WavFormat Format { get; }

    /// <summary>Samples per channel in the data chunk.</summary>
    public long FrameCount { get; }

    /// <summary>False for a header-only file: a valid recording of nothing, not an error.</summary>
    public bool HasAudio => FrameCount > 0;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / Format.SampleRate);

    /// <summary>The header's data size was 0 or 0xFFFFFFFF while audio followed; the length was taken from the file.</summary>
    public bool HeaderWasUnfinalized { get; }

    public static WavReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            return Open(stream, path, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Parses the header of a seekable stream positioned at the start of the file.</summary>
    public static WavReader Open(Stream stream, string path, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The WAV stream must be seekable to validate its length.", nameof(stream));
        }

        var length = stream.Length - stream.Position;
        if (length == 0)
        {
            throw new WavFormatException(WavFormatError.EmptyFile, path, "the file is 0 bytes long");
        }

        Span<byte> riff = stackalloc byte[12];
        if (length < 12)
        {
            ReadHeaderBytes(stream, riff[..(int)length], path);
            throw riff.StartsWith("RIFF"u8)
                ? new WavFormatException(WavFormatError.Truncated, path, $"the file is only {length} bytes, shorter than a RIFF header")
                : new WavFormatException(WavFormatError.NotWave, path, "no RIFF/WAVE signature");
        }

        ReadHeaderBytes(stream, riff, path);
        if (!riff.StartsWith("RIFF"u8) || !riff[8..].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException(WavFormatError.NotWave, path, "no RIFF/WAVE signature");
        }

        WavFormat? format = null;
        var consumed = 12L;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            if (length - consumed < 8)
            {
                throw format is null
                    ? new WavFormatException(WavFormatError.Truncated, path, "the file ends before its 'fmt ' chunk")
                    : new WavFormatException(WavFormatError.Truncated, path, "the file ends before its 'data' chunk");
            }

            ReadHeaderBytes(stream, chunkHeader, path);
            consumed += 8;
            var id = chunkHeader[..4];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var available = length - consumed;

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16)
                {
                    throw new WavFormatException(WavFormatError.Corrupt, path, $"the 'fmt ' chunk is {size} bytes, at least 16 are required");
                }

                if (size > available)
                {
                    throw new WavFormatException(WavFormatError.Truncated, path, "the file ends inside its 'fmt ' chunk");
                }

                var fmt = new byte[size];
                ReadHeaderBytes(stream, fmt, path);
                consumed += size;
                format = ParseFormat(fmt, path);
                consumed += SkipPadding(stream, size, length - consumed);
                continue;
            }

            if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException(WavFormatError.Corrupt, path, "the 'data' chunk comes before any 'fmt ' chunk");
                }

                var unfinalized = false;
                long dataBytes = size;
                if ((size == 0 || size == uint.MaxValue) && available > 0)
                {
                    dataBytes = available;
                    unfinalized = true;
                }
                else if (size > available)
                {
                    throw new WavFormatException(WavFormatError.Truncated, path,
                        $"the 'data' chunk declares {size} bytes but only {available} follow");
                }

                // A trailing partial frame is what a write cut mid-sample leaves; it carries no whole sample.
                var frames = dataBytes / format.BlockAlign;
                return new WavReader(stream, leaveOpen, path, format, frames, unfinalized);
            }

            // Any other chunk (fact, LIST, bext, …) is skipped, word-aligned (RIFF pads odd chunks to even sizes).
            var skip = size + (size & 1);
            if (skip > available)
            {
                throw new WavFormatException(WavFormatError.Truncated, path,
                    $"the file ends inside its '{System.Text.Encoding.ASCII.GetString(id)}' chunk");
            }

            stream.Seek(skip, SeekOrigin.Current);
            consumed += skip;
        }
    }

    /// <summary>
    /// Decodes up to <c>interleaved.Length / Channels</c> frames into interleaved 16-bit samples.
    /// Returns the number of frames read; 0 at the end of the data.
    /// </summary>
    public int Read(Span<short> interleaved)
    {
        var channels = Format.Channels;
        var frames = (int)Math.Min(interleaved.Length / channels, _framesLeft);
        if (frames == 0)
        {
            return 0;
        }

        var bytes = frames * Format.BlockAlign;
        if (_scratch is null || _scratch.Length < bytes)
        {
            if (_scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(bytes);
        }

        var raw = _scratch.AsSpan(0, bytes);
        var read = _stream.ReadAtLeast(raw, bytes, throwOnEndOfStream: false);
        if (read < bytes)
        {
            throw new WavFormatException(WavFormatError.Truncated, _path, "the file shrank while it was being read");
        }

        var samples = interleaved[..(frames * channels)];
        switch (Format.Encoding)
        {
            case WavEncoding.Pcm16:
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
                }

                break;
            case WavEncoding.MuLaw:
                G711.MuLawToLinear(raw, samples);
                break;
            case WavEncoding.ALaw:
                G711.ALawToLinear(raw, samples);
                break;
        }

        _framesLeft -= frames;
        return frames;
    }

    public void Dispose()
    {
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }

        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string path)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == WaveFormatExtensible)
        {
            // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) then the sub-format GUID, whose first two
            // bytes are the plain format tag (KSDATAFORMAT_SUBTYPE_PCM = 0x0001-0000-0010-8000-00AA00389B71, …).
            if (fmt.Length < 40)
            {
                throw new WavFormatException(WavFormatError.Corrupt, path, "WAVE_FORMAT_EXTENSIBLE without its 40-byte 'fmt ' chunk");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        var encoding = (tag, bitsPerSample) switch
        {
            (WaveFormatPcm, 16) => WavEncoding.Pcm16,
            (WaveFormatALaw, 8) => WavEncoding.ALaw,
            (WaveFormatMuLaw, 8) => WavEncoding.MuLaw,
            _ => throw new WavFormatException(WavFormatError.UnsupportedEncoding, path,
                $"format tag {tag} with {bitsPerSample} bits per sample; 16-bit PCM (1), A-law (6) and µ-law (7) are supported"),
        };

        if (channels is < 1 or > 2)
        {
            throw new WavFormatException(channels == 0 ? WavFormatError.Corrupt : WavFormatError.UnsupportedEncoding, path,
                $"{channels} channels; recordings are mono or stereo");
        }

        if (sampleRate is 0 or > MaxSampleRate)
        {
            throw new WavFormatException(WavFormatError.Corrupt, path, $"impossible sample rate {sampleRate} Hz");
        }

        var format = new WavFormat(encoding, (int)sampleRate, channels);
        if (blockAlign != format.BlockAlign || byteRate != (uint)(format.BlockAlign * format.SampleRate))
        {
            throw new WavFormatException(WavFormatError.Corrupt, path,
                $"block align {blockAlign} and byte rate {byteRate} contradict {channels} channel(s) of {bitsPerSample}-bit samples at {sampleRate} Hz");
        }

        return format;
    }

    private static void ReadHeaderBytes(Stream stream, Span<byte> buffer, string path)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new WavFormatException(WavFormatError.Truncated, path, "the file ends inside its header");
        }
    }

    private static long SkipPadding(Stream stream, uint size, long available)
    {
        if ((size & 1) == 0 || available < 1)
        {
            return 0;
        }

        stream.Seek(1, SeekOrigin.Current);
        return 1;
    }
}
