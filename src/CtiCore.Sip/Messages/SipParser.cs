namespace CtiCore.Sip.Messages;

/// <summary>
/// Parses one SIP message (RFC 3261 §7) from bytes it does not copy. It checks structure only — start line, header
/// framing, Content-Length, the headers every message needs and their count — and indexes where each header lies;
/// typed values are parsed when first read (see <see cref="SipMessage"/>).
/// <para>Content-Length is never trusted to size anything: it is compared with the octets actually present. On a
/// datagram a missing Content-Length means "the rest of the datagram" and octets past the body are discarded
/// (§18.3); on a stream the framer has already cut exactly one message, and a mismatch is a rejection, so no
/// second message can hide inside the first.</para>
/// </summary>
public static class SipParser
{
    /// <summary>Default cap on one message: comfortably above the largest real INVITE with SDP, well below anything abusive.</summary>
    public const int DefaultMaxMessageSize = 16 * 1024;

    public const int DefaultMaxHeaderCount = 128;

    public static SipMessage Parse(ReadOnlyMemory<byte> input, SipTransportFraming framing, int maxMessageSize = DefaultMaxMessageSize, int maxHeaderCount = DefaultMaxHeaderCount)
        => ParseCore(input, framing, maxMessageSize, maxHeaderCount, relaxed: false);

    /// <summary>
    /// After <see cref="Parse"/> rejected a message, reads it again leniently — duplicate headers, CSeq, Content-Length
    /// and the SIP version are not checked — so that an error response can still be addressed (RFC 3261 §8.2.6).
    /// Returns null when not even that much is there.
    /// </summary>
    public static SipMessage? ParseForErrorResponse(ReadOnlyMemory<byte> input, int maxMessageSize = DefaultMaxMessageSize)
    {
        try
        {
            return ParseCore(input, SipTransportFraming.Datagram, maxMessageSize, DefaultMaxHeaderCount, relaxed: true);
        }
        catch (SipRejectedException)
        {
            return null;
        }
    }

    private static SipMessage ParseCore(ReadOnlyMemory<byte> input, SipTransportFraming framing, int maxMessageSize, int maxHeaderCount, bool relaxed)
    {
        var span = input.Span;
        if (span.Length > maxMessageSize)
        {
            throw Reject(SipRejectionReason.MessageTooLarge, $"{span.Length} octets exceed the {maxMessageSize}-octet limit");
        }

        // RFC 3261 §7.5: CRLFs before the start line are ignored (keep-alives).
        var pos = 0;
        while (pos + 1 < span.Length && span[pos] == '\r' && span[pos + 1] == '\n')
        {
            pos += 2;
        }

        var lineEnd = FindLineEnd(span, pos) ?? throw Reject(SipRejectionReason.MalformedStartLine, "no complete start line");
        var startLine = span[pos..lineEnd];
        if (startLine.IndexOfAny(SipSyntax.ControlBytes) >= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "control character in the start line");
        }

        bool isRequest;
        string? method = null;
        var statusCode = 0;
        (int, int) first, second, third;
        if (startLine.StartsWith("SIP/"u8))
        {
            isRequest = false;
            ParseStatusLine(startLine, pos, relaxed, out statusCode, out first, out second, out third);
        }
        else
        {
            isRequest = true;
            ParseRequestLine(startLine, pos, relaxed, out method, out first, out second, out third);
        }
        pos = lineEnd + 2;

        var headers = new SipHeaderEntry[16];
        var count = 0;
        var contentLengthIndex = -1;
        while (true)
        {
            var found = FindLineEnd(span, pos);
            if (found is null && relaxed)
            {
                pos = span.Length;
                break;
            }
            lineEnd = found ?? throw Reject(SipRejectionReason.HeadersNotTerminated, "the header section has no closing empty line");
            if (lineEnd == pos)
            {
                pos += 2;
                break;
            }

            var line = span[pos..lineEnd];
            // A bare CR is never allowed. Other control octets are: a quoted-pair may escape %x00-09 / %x0B-0C /
            // %x0E-7F (§25.1, RFC 4475 §3.1.1.2), and typed values reject them where their grammar does.
            if (line.IndexOf((byte)'\r') >= 0)
            {
                throw Reject(SipRejectionReason.BareLineFeed, "a CR not followed by LF inside a header line");
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header's value.
                if (count == 0)
                {
                    throw Reject(SipRejectionReason.MalformedHeader, "continuation line before any header");
                }
                var previous = headers[count - 1];
                var end = TrimEnd(span, lineEnd, pos);
                if (end > pos + CountLeadingWhitespace(line))
                {
                    var valueStart = previous.ValueLength == 0 ? pos + CountLeadingWhitespace(line) : previous.ValueStart;
                    headers[count - 1] = previous with
                    {
                        ValueStart = valueStart,
                        ValueLength = end - valueStart,
                        Folded = previous.ValueLength != 0,
                    };
                }
                pos = lineEnd + 2;
                continue;
            }

            var nameLength = line.IndexOfAnyExcept(SipSyntax.TokenBytes);
            if (nameLength <= 0)
            {
                throw Reject(SipRejectionReason.MalformedHeader, "header line without a token name and colon");
            }
            var colon = nameLength;
            while (colon < line.Length && line[colon] is (byte)' ' or (byte)'\t')
            {
                colon++;
            }
            if (colon >= line.Length || line[colon] != ':')
            {
                throw Reject(SipRejectionReason.MalformedHeader, "header name not followed by a colon");
            }
            var id = SipHeaderNames.Identify(line[..nameLength]);
            var valueBegin = pos + colon + 1;
            while (valueBegin < lineEnd && span[valueBegin] is (byte)' ' or (byte)'\t')
            {
                valueBegin++;
            }
            var valueEnd = TrimEnd(span, lineEnd, valueBegin);

            if (id != SipHeaderId.Other && SipHeaderNames.IsSingleValued(id) && !relaxed)
            {
                for (var i = 0; i < count; i++)
                {
                    if (headers[i].Id == id)
                    {
                        throw Reject(SipRejectionReason.DuplicateHeader, $"{SipHeaderNames.Canonical(id)} appears more than once");
                    }
                }
                if (id == SipHeaderId.ContentLength)
                {
                    contentLengthIndex = count;
                }
            }

            if (count == headers.Length)
            {
                if (count >= maxHeaderCount)
                {
                    throw Reject(SipRejectionReason.TooManyHeaders, $"more than {maxHeaderCount} header lines");
                }
                Array.Resize(ref headers, Math.Min(count * 2, maxHeaderCount));
            }
            headers[count++] = new SipHeaderEntry(id, pos, nameLength, valueBegin, valueEnd - valueBegin, false);
            pos = lineEnd + 2;
        }

        var (bodyStart, bodyLength) = relaxed ? (pos, 0) : FrameBody(span, pos, framing, headers, contentLengthIndex);
        var message = new SipMessage(input, isRequest, method, statusCode, first, second, third, headers, count, bodyStart, bodyLength);
        if (relaxed)
        {
            return message;
        }
        CheckEssentials(span, headers, count, isRequest ? span.Slice(first.Item1, first.Item2) : default, isRequest);
        return message;
    }

    /// <summary>Parses, and returns the rejection instead of throwing it.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> input, SipTransportFraming framing, out SipMessage? message, out SipRejectedException? rejection, int maxMessageSize = DefaultMaxMessageSize)
    {
        try
        {
            message = Parse(input, framing, maxMessageSize);
            rejection = null;
            return true;
        }
        catch (SipRejectedException e)
        {
            message = null;
            rejection = e;
            return false;
        }
    }

    private static (int Start, int Length) FrameBody(ReadOnlySpan<byte> span, int bodyStart, SipTransportFraming framing, SipHeaderEntry[] headers, int contentLengthIndex)
    {
        var available = span.Length - bodyStart;
        if (contentLengthIndex < 0)
        {
            if (framing == SipTransportFraming.Stream)
            {
                throw Reject(SipRejectionReason.MissingContentLength, "Content-Length is required on a stream transport (§18.3)");
            }
            return (bodyStart, available);
        }

        var entry = headers[contentLengthIndex];
        var declared = ParseContentLength(span.Slice(entry.ValueStart, entry.ValueLength));
        if (declared > available)
        {
            throw Reject(SipRejectionReason.ContentLengthMismatch, $"Content-Length {declared} exceeds the {available} octets present");
        }
        if (declared < available && framing == SipTransportFraming.Stream)
        {
            throw Reject(SipRejectionReason.ContentLengthMismatch, $"{available - declared} octets follow the declared body");
        }
        // §18.3: on a datagram, octets beyond Content-Length are discarded — never parsed as a second message.
        return (bodyStart, (int)declared);
    }

    internal static long ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw Reject(SipRejectionReason.InvalidContentLength, "Content-Length must be 1*DIGIT");
        }
        long result = 0;
        foreach (var b in value)
        {
            result = (result * 10) + (b - '0');
            if (result > int.MaxValue)
            {
                throw Reject(SipRejectionReason.InvalidContentLength, "Content-Length overflows");
            }
        }
        return result;
    }

    private static void CheckEssentials(ReadOnlySpan<byte> span, SipHeaderEntry[] headers, int count, ReadOnlySpan<byte> method, bool isRequest)
    {
        // RFC 3261 §8.1.1: every request carries To, From, CSeq, Call-ID and Via; responses copy them (§8.2.6.2).
        SipHeaderEntry? cseq = null;
        bool to = false, from = false, callId = false, via = false;
        for (var i = 0; i < count; i++)
        {
            switch (headers[i].Id)
            {
                case SipHeaderId.To: to = true; break;
                case SipHeaderId.From: from = true; break;
                case SipHeaderId.CallId: callId = headers[i].ValueLength > 0; break;
                case SipHeaderId.Via: via = true; break;
                case SipHeaderId.CSeq: cseq = headers[i]; break;
            }
        }
        if (!to || !from || !callId || !via || cseq is null)
        {
            var missing = !to ? "To" : !from ? "From" : !callId ? "Call-ID" : !via ? "Via" : "CSeq";
            throw Reject(SipRejectionReason.MissingRequiredHeader, $"{missing} is missing");
        }

        // CSeq = 1*DIGIT LWS Method; the number stays below 2**31 (§8.1.1.5) and names the request's method (§8.2.2... §12.2.1.1).
        var value = span.Slice(cseq.Value.ValueStart, cseq.Value.ValueLength);
        var digits = value.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits <= 0 || digits > 10 || value[digits] is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
        {
            throw Reject(SipRejectionReason.InvalidCSeq, "CSeq must be a number and a method");
        }
        long number = 0;
        foreach (var b in value[..digits])
        {
            number = (number * 10) + (b - '0');
        }
        if (number > int.MaxValue)
        {
            throw Reject(SipRejectionReason.InvalidCSeq, "CSeq number must be below 2**31");
        }
        var rest = value[digits..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest.IndexOfAnyExcept(SipSyntax.TokenBytes) >= 0)
        {
            throw Reject(SipRejectionReason.InvalidCSeq, "CSeq method must be a token");
        }
        if (isRequest && !rest.SequenceEqual(method))
        {
            throw Reject(SipRejectionReason.InvalidCSeq, "CSeq method differs from the request method");
        }
    }

    private static void ParseRequestLine(ReadOnlySpan<byte> line, int offset, bool relaxed, out string? method, out (int, int) first, out (int, int) second, out (int, int) third)
    {
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP between elements, none at the end (RFC 4475 §3.1.2.9–3.1.2.10).
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "Request-Line needs Method SP Request-URI SP SIP-Version");
        }
        var methodSpan = line[..sp1];
        if (methodSpan.IndexOfAnyExcept(SipSyntax.TokenBytes) >= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "method is not a token");
        }
        var rest = line[(sp1 + 1)..];
        if (relaxed)
        {
            // Only the method matters for addressing an error response; the rest of the line is what was wrong.
            method = SipMethod.Known(methodSpan);
            first = (offset, sp1);
            second = (offset + sp1 + 1, rest.Length);
            third = (offset + line.Length, 0);
            return;
        }
        var sp2 = rest.IndexOf((byte)' ');
        if (sp2 <= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "Request-URI missing or separated by more than one SP");
        }
        var uri = rest[..sp2];
        var version = rest[(sp2 + 1)..];
        if (version.IndexOf((byte)' ') >= 0 || version.IndexOf((byte)'\t') >= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "whitespace inside the Request-URI or after the SIP-Version");
        }
        if (uri.IndexOfAny("<>\"\t"u8) >= 0 || !HasScheme(uri))
        {
            throw Reject(SipRejectionReason.MalformedRequestUri, "Request-URI is not an absolute URI");
        }
        CheckVersion(version, relaxed);
        method = SipMethod.Known(methodSpan);
        first = (offset, sp1);
        second = (offset + sp1 + 1, sp2);
        third = (offset + sp1 + 1 + sp2 + 1, version.Length);
    }

    private static void ParseStatusLine(ReadOnlySpan<byte> line, int offset, bool relaxed, out int statusCode, out (int, int) first, out (int, int) second, out (int, int) third)
    {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; Status-Code is 3DIGIT (§7.2, RFC 4475 §3.1.2.19).
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "Status-Line needs SIP-Version SP Status-Code");
        }
        CheckVersion(line[..sp1], relaxed);
        var rest = line[(sp1 + 1)..];
        if (rest.Length < 3 || !char.IsAsciiDigit((char)rest[0]) || !char.IsAsciiDigit((char)rest[1]) || !char.IsAsciiDigit((char)rest[2])
            || (rest.Length > 3 && rest[3] != ' '))
        {
            throw Reject(SipRejectionReason.InvalidStatusCode, "Status-Code must be three digits");
        }
        statusCode = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        if (statusCode is < 100 or > 699)
        {
            throw Reject(SipRejectionReason.InvalidStatusCode, "Status-Code must be 100-699");
        }
        var reasonStart = Math.Min(rest.Length, 4);
        first = (offset, sp1);
        second = (offset + sp1 + 1, 3);
        third = (offset + sp1 + 1 + reasonStart, rest.Length - reasonStart);
    }

    private static void CheckVersion(ReadOnlySpan<byte> version, bool relaxed)
    {
        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; case-insensitive (§7.1). A well-formed other version earns 505.
        if (version.Length < 7 || !System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "SIP-Version expected");
        }
        var numbers = version[4..];
        var dot = numbers.IndexOf((byte)'.');
        if (dot <= 0 || dot == numbers.Length - 1
            || numbers[..dot].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0
            || numbers[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw Reject(SipRejectionReason.MalformedStartLine, "SIP-Version is malformed");
        }
        if (!numbers.SequenceEqual("2.0"u8) && !relaxed)
        {
            throw Reject(SipRejectionReason.UnsupportedVersion, "only SIP/2.0 is supported");
        }
    }

    private static bool HasScheme(ReadOnlySpan<byte> uri)
    {
        // absoluteURI = scheme ":" ...; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (§25.1).
        var colon = uri.IndexOf((byte)':');
        if (colon <= 0 || colon == uri.Length - 1 || !char.IsAsciiLetter((char)uri[0]))
        {
            return false;
        }
        foreach (var b in uri[..colon])
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Index of the CR of the next CRLF at or after <paramref name="from"/>, or null if no full line is there yet.</summary>
    private static int? FindLineEnd(ReadOnlySpan<byte> span, int from)
    {
        var lf = span[from..].IndexOf((byte)'\n');
        if (lf < 0)
        {
            return null;
        }
        lf += from;
        if (lf == from || span[lf - 1] != '\r')
        {
            throw Reject(SipRejectionReason.BareLineFeed, "a line ends with LF but no CR");
        }
        return lf - 1;
    }

    private static int TrimEnd(ReadOnlySpan<byte> span, int end, int floor)
    {
        while (end > floor && span[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }
        return end;
    }

    private static int CountLeadingWhitespace(ReadOnlySpan<byte> line)
    {
        var i = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return i < 0 ? line.Length : i;
    }

    private static SipRejectedException Reject(SipRejectionReason reason, string detail) => new(reason, detail);
}
