using System.Buffers.Binary;
using System.Security.Cryptography;
using CtiCore.Media.Opus;

namespace CtiCore.Media.Ogg;

/// <summary>
/// A read-only Ogg demuxer, small on purpose: it reads consecutive pages from a stream, checks the capture pattern,
/// version and CRC of each, and feeds every byte to an optional hash so the file is read exactly once during
/// verification. No resynchronisation: a file we wrote ourselves has no garbage to skip, so any damage is an error.
/// </summary>
internal sealed class OggPageReader
{
    private const int HeaderLength = 27;

    private readonly Stream _stream;
    private readonly IncrementalHash? _hash;
    private readonly byte[] _buffer = new byte[HeaderLength + 255 + (255 * 255)];

    public OggPageReader(Stream stream, IncrementalHash? hash)
    {
        _stream = stream;
        _hash = hash;
    }

    public long BytesRead { get; private set; }

    /// <summary>Reads the next page; false at a clean end of the stream (between pages).</summary>
    public bool TryReadPage(out OggPage page)
    {
        page = default;
        var header = _buffer.AsSpan(0, HeaderLength);
        var got = _stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        if (got == 0)
        {
            return false;
        }

        if (got < HeaderLength)
        {
            throw Fail(OggOpusVerificationError.Truncated, "the stream ends inside a page header");
        }

        if (!header.StartsWith("OggS"u8))
        {
            throw Fail(BytesRead == 0 ? OggOpusVerificationError.NotOgg : OggOpusVerificationError.Corrupt,
                "missing the 'OggS' capture pattern");
        }

        if (header[4] != 0)
        {
            throw Fail(OggOpusVerificationError.Corrupt, $"unknown Ogg stream structure version {header[4]}");
        }

        int segments = header[26];
        var table = _buffer.AsSpan(HeaderLength, segments);
        if (_stream.ReadAtLeast(table, segments, throwOnEndOfStream: false) < segments)
        {
            throw Fail(OggOpusVerificationError.Truncated, "the stream ends inside a segment table");
        }

        var bodyLength = 0;
        foreach (var lacing in table)
        {
            bodyLength += lacing;
        }

        var body = _buffer.AsSpan(HeaderLength + segments, bodyLength);
        if (_stream.ReadAtLeast(body, bodyLength, throwOnEndOfStream: false) < bodyLength)
        {
            throw Fail(OggOpusVerificationError.Truncated, "the stream ends inside a page body");
        }

        var whole = _buffer.AsSpan(0, HeaderLength + segments + bodyLength);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(header[22..]);
        var crc = OggCrc.Update(0, whole[..22]);
        crc = OggCrc.Update(crc, [0, 0, 0, 0]);
        crc = OggCrc.Update(crc, whole[26..]);
        if (crc != stored)
        {
            throw Fail(OggOpusVerificationError.ChecksumMismatch,
                $"page {BinaryPrimitives.ReadUInt32LittleEndian(header[18..])} has CRC {stored:X8}, computed {crc:X8}");
        }

        _hash?.AppendData(whole);
        BytesRead += whole.Length;
        page = new OggPage(
            header[5],
            BinaryPrimitives.ReadInt64LittleEndian(header[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[14..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[18..]),
            _buffer.AsMemory(HeaderLength, segments),
            _buffer.AsMemory(HeaderLength + segments, bodyLength));
        return true;
    }

    private OggOpusVerificationException Fail(OggOpusVerificationError reason, string detail)
        => new(reason, $"{detail} (at byte {BytesRead})");
}
