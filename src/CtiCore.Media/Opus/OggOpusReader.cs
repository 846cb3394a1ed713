using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CtiCore.Media.Ogg;

namespace CtiCore.Media.Opus;

/// <summary>Receives decoded audio: interleaved 16-bit samples, already trimmed for pre-skip and end padding.</summary>
public delegate void DecodedAudioSink(ReadOnlySpan<short> interleaved);

/// <summary>
/// Decodes an Ogg Opus file in process: our own read-only Ogg demuxer plus libopus' decoder. It is strict, because it
/// is how the recording pipeline proves a file before the source WAV is deleted: every page CRC, the page sequence,
/// the OpusHead/OpusTags headers (RFC 7845 §5), every packet, and the end-trimmed length must be right.
/// </summary>
public static class OggOpusReader
{
    private static readonly int[] OpusRates = [8_000, 12_000, 16_000, 24_000, 48_000];

    /// <summary>Decodes a whole file. The SHA-256 in the result is of every byte read, which is the whole file.</summary>
    /// <param name="path">The Ogg Opus file.</param>
    /// <param name="sink">Receives the decoded audio, or null to only verify.</param>
    /// <param name="outputSampleRate">8, 12, 16, 24 or 48 kHz; by default the source rate if Opus has it, else 48 kHz.</param>
    public static OggOpusStreamInfo Decode(string path, DecodedAudioSink? sink = null, int? outputSampleRate = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Decode(stream, sink, outputSampleRate);
    }

    public static OggOpusStreamInfo Decode(Stream stream, DecodedAudioSink? sink = null, int? outputSampleRate = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (outputSampleRate is { } requested && Array.IndexOf(OpusRates, requested) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSampleRate), requested, "Opus decodes at 8, 12, 16, 24 or 48 kHz.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reader = new OggPageReader(stream, hash);
        var state = new DecodeState(sink, outputSampleRate);
        try
        {
            var packet = new ArrayBufferWriter<byte>(4096);
            uint? serial = null;
            uint expectedSequence = 0;
            var endOfStream = false;
            while (reader.TryReadPage(out var page))
            {
                if (endOfStream)
                {
                    throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt, "pages follow the end-of-stream page");
                }

                if (serial is null)
                {
                    if (!page.IsBeginningOfStream)
                    {
                        throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt, "the first page is not a beginning-of-stream page");
                    }

                    serial = page.SerialNumber;
                }
                else if (page.SerialNumber != serial || page.IsBeginningOfStream)
                {
                    throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt, "more than one logical stream");
                }

                if (page.SequenceNumber != expectedSequence)
                {
                    throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt,
                        $"page {page.SequenceNumber} follows page {expectedSequence - 1}: a page is missing");
                }

                expectedSequence++;
                if (page.IsContinuation != (packet.WrittenCount > 0))
                {
                    throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt, "a packet continuation flag contradicts the previous page");
                }

                endOfStream = page.IsEndOfStream;
                if (endOfStream)
                {
                    state.SetEnd(page.GranulePosition);
                }

                var body = page.Body.Span;
                var offset = 0;
                foreach (var lacing in page.SegmentTable.Span)
                {
                    packet.Write(body.Slice(offset, lacing));
                    offset += lacing;
                    if (lacing < 255)
                    {
                        state.OnPacket(packet.WrittenSpan);
                        packet.ResetWrittenCount();
                    }
                }
            }

            if (!endOfStream)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.Truncated,
                    serial is null ? "the file holds no Ogg page" : "no end-of-stream page");
            }

            var info = state.Finish();
            return info with { Bytes = reader.BytesRead, Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()) };
        }
        finally
        {
            state.Dispose();
        }
    }

    private sealed class DecodeState : IDisposable
    {
        private readonly DecodedAudioSink? _sink;
        private OpusDecoder? _decoder;
        private short[] _pcm = [];
        private long _packetIndex;
        private int _channels;
        private int _inputRate;
        private int _preSkip;
        private int _outputRate;
        private string _vendor = string.Empty;
        private readonly List<string> _comments = [];
        private long _samples48;          // decoded so far, 48 kHz units, before trimming
        private long _emittedFrames;      // after trimming, output-rate units
        private long _endGranule = -1;
        private long _frameLimit = long.MaxValue;

        private readonly int? _requestedRate;

        public DecodeState(DecodedAudioSink? sink, int? requestedRate)
        {
            _sink = sink;
            _requestedRate = requestedRate;
        }

        public void SetEnd(long granule)
        {
            if (_decoder is null)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "the stream ends inside its headers");
            }

            if (granule < _preSkip)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt, $"final granule {granule} is below the pre-skip {_preSkip}");
            }

            _endGranule = granule;
            _frameLimit = (granule - _preSkip) * _outputRate / 48_000;
        }

        public void OnPacket(ReadOnlySpan<byte> packet)
        {
            switch (_packetIndex++)
            {
                case 0:
                    ParseHead(packet);
                    return;
                case 1:
                    ParseTags(packet);
                    return;
            }

            int samples48;
            int decoded;
            try
            {
                samples48 = OpusDecoder.PacketSamplesAt48Khz(packet);
                decoded = _decoder!.Decode(packet, _pcm);
            }
            catch (OpusException ex)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.UndecodablePacket,
                    $"audio packet {_packetIndex - 2}: {ex.Message}");
            }

            var start = _samples48 * _outputRate / 48_000;
            _samples48 += samples48;
            // RFC 7845 §4.2: discard the first pre-skip samples; §4.4: the last page's granule trims the end.
            var skipOut = (long)_preSkip * _outputRate / 48_000;
            var from = Math.Max(0, skipOut - start);
            var end = _frameLimit == long.MaxValue ? long.MaxValue : skipOut + _frameLimit;
            var to = Math.Min(decoded, end - start);
            if (to > from)
            {
                _sink?.Invoke(_pcm.AsSpan((int)from * _channels, (int)(to - from) * _channels));
                _emittedFrames += to - from;
            }
        }

        public OggOpusStreamInfo Finish()
        {
            if (_packetIndex < 2)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "the OpusHead or OpusTags header is missing");
            }

            if (_endGranule > _samples48)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.Corrupt,
                    $"the final granule {_endGranule} promises more than the {_samples48} samples the packets hold");
            }

            return new OggOpusStreamInfo(_channels, _inputRate, _preSkip, _outputRate, _emittedFrames, _packetIndex - 2, 0, _vendor, _comments, "");
        }

        public void Dispose() => _decoder?.Dispose();

        private void ParseHead(ReadOnlySpan<byte> head)
        {
            // RFC 7845 §5.1: magic, version (major 0), channels, pre-skip, input rate, gain, mapping family.
            if (head.Length < 19 || !head.StartsWith("OpusHead"u8))
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "the first packet is not an OpusHead header");
            }

            if ((head[8] & 0xF0) != 0)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, $"unsupported OpusHead version {head[8]}");
            }

            _channels = head[9];
            _preSkip = BinaryPrimitives.ReadUInt16LittleEndian(head[10..]);
            _inputRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
            var family = head[18];
            if (family != 0 || _channels is < 1 or > 2)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus,
                    $"channel mapping family {family} with {_channels} channels; recordings use family 0 (mono or stereo)");
            }

            _outputRate = _requestedRate ?? (Array.IndexOf(OpusRates, _inputRate) >= 0 ? _inputRate : 48_000);
            _decoder = new OpusDecoder(_outputRate, _channels);
            _pcm = new short[_decoder.MaxFrameSamples];
        }

        private void ParseTags(ReadOnlySpan<byte> tags)
        {
            // RFC 7845 §5.2: magic, vendor string, then a counted list of "TAG=value" strings, all length-prefixed.
            if (tags.Length < 16 || !tags.StartsWith("OpusTags"u8))
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "the second packet is not an OpusTags header");
            }

            var rest = tags[8..];
            _vendor = ReadString(ref rest);
            if (rest.Length < 4)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "OpusTags ends before its comment count");
            }

            var count = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            rest = rest[4..];
            for (var i = 0u; i < count; i++)
            {
                _comments.Add(ReadString(ref rest));
            }
        }

        private static string ReadString(ref ReadOnlySpan<byte> rest)
        {
            if (rest.Length < 4)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "OpusTags is cut short");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            if (length > rest.Length - 4)
            {
                throw new OggOpusVerificationException(OggOpusVerificationError.NotOpus, "an OpusTags string runs past the packet");
            }

            var value = Encoding.UTF8.GetString(rest.Slice(4, (int)length));
            rest = rest[(4 + (int)length)..];
            return value;
        }
    }
}
