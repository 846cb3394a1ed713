using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>
/// One parsed SIP message. It keeps the bytes it was parsed from and an index of where each part lies; a header's
/// text is materialized only when read, and the typed views (Via, From, To, CSeq…) are parsed on first use and kept.
/// A typed view of a malformed header raises <see cref="SipRejectedException"/> with
/// <see cref="SipRejectionReason.InvalidHeaderValue"/> or <see cref="SipRejectionReason.InvalidUri"/>.
/// </summary>
public sealed class SipMessage
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly SipHeaderEntry[] _headers;
    private readonly int _headerCount;
    private readonly int _firstStart, _firstLength, _secondStart, _secondLength, _thirdStart, _thirdLength;
    private readonly int _bodyStart, _bodyLength;
    private string? _method;
    private string? _requestUriText;
    private SipUri? _requestUri;
    private string? _reasonPhrase;
    private string? _callId;
    private IReadOnlyList<SipVia>? _vias;
    private SipVia? _topVia;
    private SipNameAddress? _from, _to;
    private SipCSeq? _cseq;
    private IReadOnlyList<SipNameAddress>? _contacts;

    internal SipMessage(
        ReadOnlyMemory<byte> bytes, bool isRequest, string? method, int statusCode,
        (int Start, int Length) first, (int Start, int Length) second, (int Start, int Length) third,
        SipHeaderEntry[] headers, int headerCount, int bodyStart, int bodyLength)
    {
        _bytes = bytes;
        IsRequest = isRequest;
        _method = method;
        StatusCode = statusCode;
        (_firstStart, _firstLength) = first;
        (_secondStart, _secondLength) = second;
        (_thirdStart, _thirdLength) = third;
        _headers = headers;
        _headerCount = headerCount;
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
    }

    /// <summary>The octets of this message, start line to the end of its body (octets a datagram carried past the body are not included).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes[..(_bodyStart + _bodyLength)];

    public bool IsRequest { get; }

    public bool IsResponse => !IsRequest;

    /// <summary>The request's method (case-sensitive, §7.1); for a response the method of its CSeq.</summary>
    public string Method => _method ??= IsRequest ? Ascii(_firstStart, _firstLength) : CSeq.Method;

    public string RequestUriText => IsRequest
        ? _requestUriText ??= Utf8(_secondStart, _secondLength)
        : throw new InvalidOperationException("A response has no Request-URI.");

    public SipUri RequestUri => _requestUri ??= SipUri.Parse(RequestUriText, SipRejectionReason.MalformedRequestUri);

    /// <summary>The status code of a response; 0 for a request.</summary>
    public int StatusCode { get; }

    public string ReasonPhrase => IsRequest
        ? throw new InvalidOperationException("A request has no reason phrase.")
        : _reasonPhrase ??= Utf8(_thirdStart, _thirdLength);

    public int HeaderCount => _headerCount;

    public ReadOnlyMemory<byte> Body => _bytes.Slice(_bodyStart, _bodyLength);

    /// <summary>The Content-Length the body was framed with: the header's value, or on a datagram without one, the octets that followed.</summary>
    public int ContentLength => _bodyLength;

    public string CallId => _callId ??= GetHeader(SipHeaderId.CallId) ?? throw Missing("Call-ID");

    public SipCSeq CSeq => _cseq ??= SipCSeq.Parse(GetHeader(SipHeaderId.CSeq) ?? throw Missing("CSeq"));

    public SipNameAddress From => _from ??= SipNameAddress.Parse(GetHeader(SipHeaderId.From) ?? throw Missing("From"));

    public SipNameAddress To => _to ??= SipNameAddress.Parse(GetHeader(SipHeaderId.To) ?? throw Missing("To"));

    /// <summary>All Via values in order, top first; one header line may carry several (§7.3.1).</summary>
    public IReadOnlyList<SipVia> Vias => _vias ??= ParseList(SipHeaderId.Via, SipVia.Parse);

    /// <summary>The first Via value; parsed on its own, so matching a transaction does not parse the whole Via list.</summary>
    public SipVia TopVia => _topVia ??= _vias is { Count: > 0 } vias ? vias[0] : ParseTopVia();

    /// <summary>Contact values; a lone "*" (REGISTER, §10.2.2) comes back as one <see cref="SipNameAddress.IsWildcard"/> entry.</summary>
    public IReadOnlyList<SipNameAddress> Contacts => _contacts ??= ParseList(SipHeaderId.Contact, SipNameAddress.ParseContact);

    /// <summary>Max-Forwards (§20.22: 0–255), or null when absent (RFC 2543 peers omit it).</summary>
    public int? MaxForwards
    {
        get
        {
            var text = GetHeader(SipHeaderId.MaxForwards);
            if (text is null)
            {
                return null;
            }
            return SipHeaderReader.ParseDigits(text, 255, out var value)
                ? (int)value
                : throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "Max-Forwards must be 0-255");
        }
    }

    /// <summary>Expires header as delta-seconds, or null when absent. Values past 2**32-1 are clamped (§20.19).</summary>
    public long? Expires
    {
        get
        {
            var text = GetHeader(SipHeaderId.Expires);
            if (text is null)
            {
                return null;
            }
            return SipHeaderReader.ParseDeltaSeconds(text)
                ?? throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "Expires must be delta-seconds");
        }
    }

    public string GetHeaderName(int index) => Ascii(Entry(index).NameStart, Entry(index).NameLength);

    public SipHeaderId GetHeaderId(int index) => Entry(index).Id;

    public string GetHeaderValue(int index) => Materialize(Entry(index));

    /// <summary>The first line of a header, or null. Folded lines come back unfolded (§7.3.1).</summary>
    public string? GetHeader(SipHeaderId id)
    {
        for (var i = 0; i < _headerCount; i++)
        {
            if (_headers[i].Id == id)
            {
                return Materialize(_headers[i]);
            }
        }
        return null;
    }

    public bool HasHeader(SipHeaderId id)
    {
        for (var i = 0; i < _headerCount; i++)
        {
            if (_headers[i].Id == id)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first line of a header by name: long or compact form, any case.</summary>
    public string? GetHeader(string name)
    {
        var id = SipHeaderNames.Identify(name);
        if (id != SipHeaderId.Other)
        {
            return GetHeader(id);
        }
        var span = _bytes.Span;
        for (var i = 0; i < _headerCount; i++)
        {
            var h = _headers[i];
            if (h.Id == SipHeaderId.Other && System.Text.Ascii.EqualsIgnoreCase(span.Slice(h.NameStart, h.NameLength), name))
            {
                return Materialize(h);
            }
        }
        return null;
    }

    /// <summary>Every line of a header, one string each, not split on commas (for Authorization and its kin).</summary>
    public IReadOnlyList<string> GetHeaderLines(SipHeaderId id)
    {
        List<string>? values = null;
        for (var i = 0; i < _headerCount; i++)
        {
            if (_headers[i].Id == id)
            {
                (values ??= []).Add(Materialize(_headers[i]));
            }
        }
        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Every value of a list header: all its lines, each split at commas outside quotes and angle brackets (§7.3.1).</summary>
    public IReadOnlyList<string> GetHeaderValues(SipHeaderId id)
    {
        List<string>? values = null;
        for (var i = 0; i < _headerCount; i++)
        {
            if (_headers[i].Id == id)
            {
                values ??= [];
                SipHeaderReader.SplitList(Materialize(_headers[i]), values);
            }
        }
        return values ?? (IReadOnlyList<string>)[];
    }

    public override string ToString() => IsRequest ? $"{Method} {RequestUriText}" : $"{StatusCode} {ReasonPhrase}";

    private SipVia ParseTopVia()
    {
        var first = GetHeader(SipHeaderId.Via) ?? throw Missing("Via");
        var values = new List<string>(2);
        SipHeaderReader.SplitList(first, values);
        return SipVia.Parse(values[0]);
    }

    private List<T> ParseList<T>(SipHeaderId id, Func<string, T> parse)
    {
        var values = GetHeaderValues(id);
        var parsed = new List<T>(values.Count);
        foreach (var value in values)
        {
            parsed.Add(parse(value));
        }
        return parsed;
    }

    private ref readonly SipHeaderEntry Entry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _headerCount);
        return ref _headers[index];
    }

    private string Materialize(in SipHeaderEntry entry)
    {
        var value = _bytes.Span.Slice(entry.ValueStart, entry.ValueLength);
        if (!entry.Folded)
        {
            return Encoding.UTF8.GetString(value);
        }
        // RFC 3261 §7.3.1: a CRLF followed by whitespace is a continuation; it reads as one SP.
        var unfolded = value.Length <= 1024 ? stackalloc byte[value.Length] : new byte[value.Length];
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                i += 2;
                while (i < value.Length && value[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }
                i--;
                unfolded[written++] = (byte)' ';
                continue;
            }
            unfolded[written++] = value[i];
        }
        return Encoding.UTF8.GetString(unfolded[..written]);
    }

    private string Ascii(int start, int length) => Encoding.ASCII.GetString(_bytes.Span.Slice(start, length));

    private string Utf8(int start, int length) => Encoding.UTF8.GetString(_bytes.Span.Slice(start, length));

    private static SipRejectedException Missing(string name) =>
        new(SipRejectionReason.MissingRequiredHeader, $"{name} is missing");
}
