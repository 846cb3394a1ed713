using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>A cursor over one (unfolded) header value: LWS, tokens, quoted strings, parameters (RFC 3261 §25.1).</summary>
internal ref struct SipHeaderReader
{
    private readonly ReadOnlySpan<char> _text;

    public SipHeaderReader(ReadOnlySpan<char> text)
    {
        _text = text;
        Position = 0;
    }

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly char Peek => Position < _text.Length ? _text[Position] : '\0';

    public readonly ReadOnlySpan<char> Remaining => _text[Position..];

    public void SkipWhitespace()
    {
        while (Position < _text.Length && SipSyntax.IsWhitespace(_text[Position]))
        {
            Position++;
        }
    }

    public bool TryConsume(char c)
    {
        SkipWhitespace();
        if (Position < _text.Length && _text[Position] == c)
        {
            Position++;
            SkipWhitespace();
            return true;
        }
        return false;
    }

    public ReadOnlySpan<char> ReadToken(bool allowColon = false)
    {
        var rest = _text[Position..];
        var length = rest.IndexOfAnyExcept(allowColon ? SipSyntax.TokenOrColon : SipSyntax.Token);
        if (length < 0)
        {
            length = rest.Length;
        }
        Position += length;
        return rest[..length];
    }

    /// <summary>quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the content with quoted-pairs resolved.</summary>
    public string ReadQuotedString()
    {
        if (Peek != '"')
        {
            throw Invalid("quoted string expected");
        }
        Position++;
        var builder = new StringBuilder();
        while (Position < _text.Length)
        {
            var c = _text[Position++];
            if (c == '"')
            {
                return builder.ToString();
            }
            if (c == '\\')
            {
                if (Position >= _text.Length)
                {
                    break;
                }
                builder.Append(_text[Position++]);
                continue;
            }
            builder.Append(c);
        }
        throw Invalid("unterminated quoted string");
    }

    /// <summary>
    /// *( SEMI generic-param ): generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string.
    /// Stops before a comma (next list element) or at the end.
    /// </summary>
    public SipParameterList ReadParameters()
    {
        List<KeyValuePair<string, string?>>? list = null;
        while (true)
        {
            SkipWhitespace();
            if (AtEnd || Peek == ',')
            {
                return list is null ? SipParameterList.Empty : new SipParameterList(list);
            }
            if (!TryConsume(';'))
            {
                throw Invalid($"';' expected before '{Remaining.ToString()}'");
            }
            var name = ReadToken();
            if (name.IsEmpty)
            {
                throw Invalid("empty parameter name");
            }
            string? value = null;
            if (TryConsume('='))
            {
                if (Peek == '"')
                {
                    value = ReadQuotedString();
                }
                else if (Peek == '[')
                {
                    var close = Remaining.IndexOf(']');
                    if (close < 0)
                    {
                        throw Invalid("unterminated IPv6 reference");
                    }
                    value = Remaining[..(close + 1)].ToString();
                    Position += close + 1;
                }
                else
                {
                    // gen-value = token / host / quoted-string; a host may be an unbracketed IPv6 address
                    // (via-received, RFC 3261 §20.42; RFC 5118 §4.5 asks to accept both forms), so ':' is allowed.
                    var token = ReadToken(allowColon: true);
                    if (token.IsEmpty)
                    {
                        throw Invalid($"empty value for parameter '{name.ToString()}'");
                    }
                    value = token.ToString();
                }
            }
            (list ??= []).Add(new(name.ToString(), value));
        }
    }

    /// <summary>Splits a list header at commas outside quoted strings and angle brackets (§7.3.1); an empty element is an error.</summary>
    public static void SplitList(string value, List<string> into)
    {
        var start = 0;
        var quoted = false;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case '<': angle = true; break;
                case '>': angle = false; break;
                case ',' when !angle:
                    AddElement(value, start, i, into);
                    start = i + 1;
                    break;
            }
        }
        AddElement(value, start, value.Length, into);
    }

    private static void AddElement(string value, int start, int end, List<string> into)
    {
        var element = value.AsSpan(start, end - start).Trim();
        if (element.IsEmpty)
        {
            throw Invalid("empty element in a comma-separated list");
        }
        into.Add(element.ToString());
    }

    public static bool ParseDigits(string text, long max, out long value)
    {
        var span = text.AsSpan().Trim();
        value = 0;
        if (span.IsEmpty || span.Length > 19)
        {
            return false;
        }
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
            if (value > max)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>delta-seconds = 1*DIGIT; a value past 2**32-1 counts as 2**32-1 (RFC 3261 §20.19, §10.2.1.1).</summary>
    public static long? ParseDeltaSeconds(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return null;
        }
        long value = 0;
        foreach (var c in text)
        {
            value = (value * 10) + (c - '0');
            if (value > uint.MaxValue)
            {
                return uint.MaxValue;
            }
        }
        return value;
    }

    public static SipRejectedException Invalid(string detail) => new(SipRejectionReason.InvalidHeaderValue, detail);
}
