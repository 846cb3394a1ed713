using System.Buffers;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transport;

/// <summary>
/// Cuts SIP messages out of a byte stream (TCP, RFC 3261 §18.3) and resumes where it left off. It waits until the
/// whole message is present before allocating, and only then copies exactly that message. Content-Length frames the
/// message but is capped: a header section or declared body that would pass the maximum size is rejected at once, so
/// a peer cannot make us wait for or buffer gigabytes. A stream that desynchronizes is not repaired: the caller
/// breaks the connection.
/// </summary>
public sealed class SipStreamFramer
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    public SipStreamFramer(int maxMessageSize = SipParser.DefaultMaxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 64);
        MaxMessageSize = maxMessageSize;
    }

    public int MaxMessageSize { get; }

    /// <summary>
    /// Done: <paramref name="message"/> is set and <paramref name="consumed"/> is past it.
    /// NeedMoreData: nothing complete yet; advance the reader to (consumed, examined).
    /// InvalidData: <see cref="SipFramerState.Error"/> says why; break the connection.
    /// </summary>
    public OperationStatus TryRead(ref SipFramerState state, in ReadOnlySequence<byte> buffer, out SipMessage? message, out SequencePosition consumed, out SequencePosition examined)
    {
        message = null;
        var sequence = buffer;

        // RFC 5626 §3.5.1 keep-alives (CRLF pairs) between messages are skipped.
        if (state.HeaderLength == 0 && state.Scanned == 0)
        {
            var reader = new SequenceReader<byte>(sequence);
            while (reader.Remaining >= 2 && reader.IsNext("\r\n"u8, advancePast: true))
            {
            }
            if (reader.Remaining == 1 && reader.IsNext((byte)'\r'))
            {
                consumed = reader.Position;
                examined = sequence.End;
                return OperationStatus.NeedMoreData;
            }
            sequence = sequence.Slice(reader.Position);
        }
        consumed = sequence.Start;

        if (state.HeaderLength == 0)
        {
            var from = Math.Max(0, state.Scanned - 3);
            var reader = new SequenceReader<byte>(sequence.Slice(from));
            if (!reader.TryReadTo(out ReadOnlySequence<byte> _, HeaderEnd, advancePastDelimiter: true))
            {
                state.Scanned = sequence.Length;
                if (sequence.Length >= MaxMessageSize)
                {
                    return Fail(ref state, SipRejectionReason.MessageTooLarge, "header section exceeds the maximum message size", sequence.End, out examined);
                }
                examined = sequence.End;
                return OperationStatus.NeedMoreData;
            }
            var headerLength = from + reader.Consumed;
            if (headerLength > MaxMessageSize)
            {
                return Fail(ref state, SipRejectionReason.MessageTooLarge, "header section exceeds the maximum message size", sequence.End, out examined);
            }
            state.HeaderLength = (int)headerLength;
            try
            {
                state.ContentLength = FindContentLength(sequence.Slice(0, headerLength));
            }
            catch (SipRejectedException e)
            {
                state.Error = e;
                examined = sequence.End;
                return OperationStatus.InvalidData;
            }
            if ((long)state.HeaderLength + state.ContentLength > MaxMessageSize)
            {
                return Fail(ref state, SipRejectionReason.MessageTooLarge, $"Content-Length {state.ContentLength} would pass the maximum message size", sequence.End, out examined);
            }
        }

        var total = state.HeaderLength + state.ContentLength;
        if (sequence.Length < total)
        {
            examined = sequence.End;
            return OperationStatus.NeedMoreData;
        }

        var bytes = new byte[total];
        sequence.Slice(0, total).CopyTo(bytes);
        consumed = sequence.GetPosition(total);
        examined = consumed;
        state = default;
        try
        {
            message = SipParser.Parse(bytes, SipTransportFraming.Stream, MaxMessageSize);
            return OperationStatus.Done;
        }
        catch (SipRejectedException e)
        {
            state.Error = e;
            return OperationStatus.InvalidData;
        }
    }

    /// <summary>Finds the one Content-Length (long or compact form) in a complete header section. Absent or repeated is an error on a stream.</summary>
    private static int FindContentLength(ReadOnlySequence<byte> headerSection)
    {
        byte[]? rented = null;
        var length = (int)headerSection.Length;
        Span<byte> block = length <= 4096 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            headerSection.CopyTo(block);
            var found = -1L;
            var lineStart = block.IndexOf("\r\n"u8) + 2; // skip the start line
            while (lineStart < block.Length)
            {
                var lineLength = block[lineStart..].IndexOf("\r\n"u8);
                if (lineLength <= 0)
                {
                    break;
                }
                var line = block.Slice(lineStart, lineLength);
                lineStart += lineLength + 2;
                var colon = line.IndexOf((byte)':');
                if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
                {
                    continue;
                }
                if (SipHeaderNames.Identify(line[..colon].TrimEnd(" \t"u8)) != SipHeaderId.ContentLength)
                {
                    continue;
                }
                if (found >= 0)
                {
                    throw new SipRejectedException(SipRejectionReason.DuplicateHeader, "Content-Length appears more than once");
                }
                found = SipParser.ParseContentLength(line[(colon + 1)..].Trim(" \t"u8));
            }
            return found >= 0
                ? (int)found
                : throw new SipRejectedException(SipRejectionReason.MissingContentLength, "Content-Length is required on a stream transport (§18.3)");
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static OperationStatus Fail(ref SipFramerState state, SipRejectionReason reason, string detail, SequencePosition end, out SequencePosition examined)
    {
        state.Error = new SipRejectedException(reason, detail);
        examined = end;
        return OperationStatus.InvalidData;
    }
}
