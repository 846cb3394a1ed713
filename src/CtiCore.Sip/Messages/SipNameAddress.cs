using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>
/// A From, To, Contact, Route or Record-Route value: ( name-addr / addr-spec ) *( SEMI param ) (RFC 3261 §20.10, §25.1).
/// name-addr = [ display-name ] LAQUOT addr-spec RAQUOT; display-name = *(token LWS) / quoted-string.
/// An addr-spec written without angle brackets ends at the first ';' — what follows are header parameters — and may
/// not hold ',', '?' or ';' (§20: such URIs must be enclosed).
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri? uri, string? displayName = null, SipParameterList? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? SipParameterList.Empty;
    }

    /// <summary>The URI; null only for the Contact wildcard "*".</summary>
    public SipUri? Uri { get; }

    public string? DisplayName { get; }

    public SipParameterList Parameters { get; }

    public bool IsWildcard => Uri is null;

    public string? Tag => Parameters.Get("tag");

    public SipNameAddress WithParameter(string name, string? value) => new(Uri, DisplayName, Parameters.With(name, value));

    public static SipNameAddress Parse(string value)
    {
        var reader = new SipHeaderReader(value);
        reader.SkipWhitespace();
        string? display = null;
        SipUri uri;
        if (reader.Peek == '"')
        {
            display = reader.ReadQuotedString();
            reader.SkipWhitespace();
            if (reader.Peek != '<')
            {
                throw SipHeaderReader.Invalid("'<' expected after the display name");
            }
            uri = ReadBracketed(ref reader);
        }
        else if (reader.Peek == '<')
        {
            uri = ReadBracketed(ref reader);
        }
        else
        {
            // Either tokens then '<', or a bare addr-spec. Look ahead over *(token LWS).
            var mark = reader.Position;
            var words = new StringBuilder();
            while (true)
            {
                var token = reader.ReadToken();
                if (token.IsEmpty)
                {
                    break;
                }
                if (words.Length > 0)
                {
                    words.Append(' ');
                }
                words.Append(token);
                reader.SkipWhitespace();
            }
            if (reader.Peek == '<' && words.Length > 0)
            {
                display = words.ToString();
                uri = ReadBracketed(ref reader);
            }
            else
            {
                reader.Position = mark;
                var rest = reader.Remaining;
                var end = rest.IndexOfAny(';', ' ', '\t');
                var spec = end < 0 ? rest : rest[..end];
                if (spec.IndexOfAny('?', ',', '<') >= 0 || spec.IndexOf('>') >= 0)
                {
                    throw new SipRejectedException(SipRejectionReason.InvalidUri, "an addr-spec holding '?' or ',' must be in angle brackets");
                }
                uri = SipUri.Parse(spec.ToString());
                reader.Position += spec.Length;
            }
        }

        var parameters = reader.ReadParameters();
        if (!reader.AtEnd)
        {
            throw SipHeaderReader.Invalid("unexpected text after the address");
        }
        return new SipNameAddress(uri, display, parameters);
    }

    /// <summary>A Contact value: a name-addr/addr-spec, or the REGISTER wildcard "*" (§10.2.2, §20.10).</summary>
    public static SipNameAddress ParseContact(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length == 1 && trimmed[0] == '*')
        {
            return new SipNameAddress(null);
        }
        return Parse(value);
    }

    public override string ToString()
    {
        if (Uri is null)
        {
            return "*";
        }
        var builder = new StringBuilder();
        if (DisplayName is not null)
        {
            builder.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        }
        builder.Append('<').Append(Uri.Text).Append('>');
        Parameters.AppendTo(builder, quoteNonTokens: true);
        return builder.ToString();
    }

    private static SipUri ReadBracketed(ref SipHeaderReader reader)
    {
        // LAQUOT addr-spec RAQUOT: no whitespace inside the brackets (RFC 4475 §3.1.2.14).
        var rest = reader.Remaining;
        var close = rest.IndexOf('>');
        if (close < 0)
        {
            throw new SipRejectedException(SipRejectionReason.InvalidUri, "'<' without '>'");
        }
        var inner = rest[1..close];
        reader.Position += close + 1;
        return SipUri.Parse(inner.ToString());
    }
}
