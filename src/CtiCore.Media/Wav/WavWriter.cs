using System.Buffers.Binary;

namespace CtiCore.Media.Wav;

/// <summary>
/// Writes a canonical 44-byte-header WAV (the layout MixMonitor produces). Sizes are filled in by
/// <see cref="Complete"/>; until then the header says 0 bytes of data, exactly like a recording in progress.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private long _dataBytes;

    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        _stream.Write(BuildHeader(format, 0));
    }

    public WavFormat Format { get; }

    public static void WriteFile(string path, WavFormat format, ReadOnlySpan<short> interleaved)
    {
        using var writer = new WavWriter(File.Create(path), format);
        writer.Write(interleaved);
        writer.Complete();
    }

    public void Write(ReadOnlySpan<short> interleaved)
    {
        var bytes = new byte[interleaved.Length * Format.BytesPerSample];
        for (var i = 0; i < interleaved.Length; i++)
        {
            switch (Format.Encoding)
            {
                case WavEncoding.Pcm16:
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), interleaved[i]);
                    break;
                case WavEncoding.MuLaw:
                    bytes[i] = G711.LinearToMuLaw(interleaved[i]);
                    break;
                case WavEncoding.ALaw:
                    bytes[i] = G711.LinearToALaw(interleaved[i]);
                    break;
            }
        }

        _stream.Write(bytes);
        _dataBytes += bytes.Length;
    }

    /// <summary>Writes the final RIFF and data sizes, as Asterisk does when MixMonitor stops.</summary>
    public void Complete()
    {
        var end = _stream.Position;
        _stream.Position = 0;
        _stream.Write(BuildHeader(Format, _dataBytes));
        _stream.Position = end;
        _stream.Flush();
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static byte[] BuildHeader(WavFormat format, long dataBytes)
    {
        var header = new byte[44];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)format.Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(format.SampleRate * format.BlockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)(format.BytesPerSample * 8));
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        return header;
    }
}
