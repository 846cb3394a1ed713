using System.Globalization;
using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>
/// Writes SIP messages (the serializer). Content-Length is always written from the body actually attached, never
/// taken from the caller, and header values are refused if they hold CR or LF (no header injection).
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly string _startLine;
    private readonly List<(string Name, string Value)> _headers = [];
    private ReadOnlyMemory<byte> _body;

    private SipMessageBuilder(string startLine)
    {
        _startLine = startLine;
    }

    public static SipMessageBuilder Request(string method, string requestUri)
    {
        CheckText(method);
        CheckText(requestUri);
        return new SipMessageBuilder($"{method} {requestUri} SIP/2.0");
    }

    public static SipMessageBuilder Response(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var reason = reasonPhrase ?? SipReasonPhrases.For(statusCode);
        CheckText(reason);
        return new SipMessageBuilder($"SIP/2.0 {statusCode.ToString(CultureInfo.InvariantCulture)} {reason}");
    }

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 §8.2.6.2: Via (all, in order), From, Call-ID and CSeq
    /// copied; To copied and, when it has no tag yet and <paramref name="toTag"/> is given, tagged.
    /// </summary>
    public static SipMessageBuilder ResponseTo(SipMessage request, int statusCode, string? toTag = null, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = Response(statusCode, reasonPhrase);
        foreach (var via in request.GetHeaderLines(SipHeaderId.Via))
        {
            builder.Add(SipHeaderId.Via, via);
        }
        builder.Add(SipHeaderId.From, request.GetHeader(SipHeaderId.From)!);
        var to = request.GetHeader(SipHeaderId.To)!;
        if (toTag is not null && statusCode != 100 && request.To.Tag is null)
        {
            to = request.To.WithParameter("tag", toTag).ToString();
        }
        builder.Add(SipHeaderId.To, to);
        builder.Add(SipHeaderId.CallId, request.CallId);
        builder.Add(SipHeaderId.CSeq, request.CSeq.ToString());
        return builder;
    }

    /// <summary>
    /// A copy of <paramref name="message"/> (start line, headers in order, body) whose top Via value is replaced by
    /// <paramref name="topVia"/>. Content-Length is recomputed, as always.
    /// </summary>
    public static SipMessageBuilder CopyWithTopVia(SipMessage message, string topVia)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = message.IsRequest
            ? Request(message.Method, message.RequestUriText)
            : Response(message.StatusCode, message.ReasonPhrase);
        var replaced = false;
        for (var i = 0; i < message.HeaderCount; i++)
        {
            var id = message.GetHeaderId(i);
            if (id == SipHeaderId.ContentLength)
            {
                continue;
            }
            var value = message.GetHeaderValue(i);
            if (id == SipHeaderId.Via && !replaced)
            {
                // Only the first value of the first Via line is the top Via (§7.3.1: a line may hold several).
                var values = new List<string>();
                SipHeaderReader.SplitList(value, values);
                values[0] = topVia;
                value = string.Join(", ", values);
                replaced = true;
            }
            builder.Add(message.GetHeaderName(i), value);
        }
        builder._body = message.Body;
        return builder;
    }

    public SipMessageBuilder Add(SipHeaderId id, string value) => Add(SipHeaderNames.Canonical(id), value);

    public SipMessageBuilder Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.AsSpan().IndexOfAnyExcept(SipSyntax.Token) >= 0)
        {
            throw new ArgumentException("A header name must be a token.", nameof(name));
        }
        if (SipHeaderNames.Identify(name) == SipHeaderId.ContentLength)
        {
            throw new ArgumentException("Content-Length is written from the body.", nameof(name));
        }
        CheckText(value);
        _headers.Add((name, value));
        return this;
    }

    public SipMessageBuilder WithBody(string contentType, ReadOnlyMemory<byte> body)
    {
        Add(SipHeaderId.ContentType, contentType);
        _body = body;
        return this;
    }

    public byte[] ToBytes()
    {
        var text = new StringBuilder(256 + (_headers.Count * 48));
        text.Append(_startLine).Append("\r\n");
        foreach (var (name, value) in _headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append("Content-Length: ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetByteCount(text.ToString());
        var bytes = new byte[head + _body.Length];
        Encoding.UTF8.GetBytes(text.ToString(), bytes);
        _body.Span.CopyTo(bytes.AsSpan(head));
        return bytes;
    }

    /// <summary>Serializes and parses back, so what is sent is exactly what a peer will read.</summary>
    public SipMessage Build() => SipParser.Parse(ToBytes(), SipTransportFraming.Stream);

    private static void CheckText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("SIP header text may not hold CR or LF (no header injection).", nameof(value));
        }
    }
}
