using System.Text;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Authentication;

/// <summary>
/// One challenge or credentials value: scheme followed by comma-separated auth-params, name=token or
/// name=quoted-string (RFC 3261 §25.1, RFC 2617 §1.2).
/// </summary>
public sealed class SipAuthParameters
{
    private readonly Dictionary<string, string> _values;

    private SipAuthParameters(string scheme, Dictionary<string, string> values)
    {
        Scheme = scheme;
        _values = values;
    }

    public string Scheme { get; }

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static SipAuthParameters Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan().Trim();
        var space = text.IndexOfAny(' ', '\t');
        var scheme = (space < 0 ? text : text[..space]).ToString();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? text.Length : space;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            var equals = text[i..].IndexOf('=');
            if (equals <= 0)
            {
                throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "auth-param without '='");
            }
            var name = text.Slice(i, equals).Trim().ToString();
            i += equals + 1;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            string paramValue;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
                if (!closed)
                {
                    throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "unterminated quoted auth-param");
                }
                paramValue = builder.ToString();
            }
            else
            {
                var end = text[i..].IndexOf(',');
                paramValue = (end < 0 ? text[i..] : text.Slice(i, end)).Trim().ToString();
                i = end < 0 ? text.Length : i + end;
            }
            values[name] = paramValue;
        }
        return new SipAuthParameters(scheme, values);
    }
}
