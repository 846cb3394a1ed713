using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>
/// A URI as RFC 3261 §19.1 and §25.1 define it. sip: and sips: URIs are split into user, password, host, port,
/// parameters and headers, with every %HH escape checked; any other scheme (tel:, http:, isbn: …) is kept opaque
/// after checking it holds only URI characters.
/// </summary>
public sealed class SipUri
{
    private SipUri(string text, string scheme, string? user, string? password, string host, int? port, SipParameterList parameters, SipParameterList headers)
    {
        Text = text;
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
    }

    /// <summary>The URI as it was written (or as <see cref="Create"/> formatted it).</summary>
    public string Text { get; }

    /// <summary>The scheme in lower case.</summary>
    public string Scheme { get; }

    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>The user part as written, escapes kept (compare with <see cref="UnescapedUser"/>).</summary>
    public string? User { get; }

    public string? UnescapedUser => User is null ? null : Unescape(User);

    public string? Password { get; }

    /// <summary>Host name, IPv4 address, or IPv6 reference with its brackets; empty for opaque URIs.</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameterList Parameters { get; }

    /// <summary>The ?h=v&amp;… part (§19.1.1); never allowed in a Request-URI.</summary>
    public SipParameterList Headers { get; }

    /// <summary>scheme:user@host with host in lower case: the key a registrar files bindings under (§10.3 step 5).</summary>
    public string AddressOfRecord => User is null
        ? $"{Scheme}:{Host.ToLowerInvariant()}"
        : $"{Scheme}:{UnescapedUser}@{Host.ToLowerInvariant()}";

    public override string ToString() => Text;

    public static SipUri Create(string scheme, string? user, string host, int? port = null, SipParameterList? parameters = null)
    {
        var builder = new StringBuilder().Append(scheme).Append(':');
        if (user is not null)
        {
            builder.Append(user).Append('@');
        }
        builder.Append(host);
        if (port is not null)
        {
            builder.Append(':').Append(port.Value.ToString(CultureInfo.InvariantCulture));
        }
        parameters?.AppendTo(builder, quoteNonTokens: false);
        return Parse(builder.ToString());
    }

    public static SipUri Parse(string text, SipRejectionReason reason = SipRejectionReason.InvalidUri)
    {
        var span = text.AsSpan();
        var colon = span.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(span[0]))
        {
            throw Invalid(reason, "URI has no scheme");
        }
        foreach (var c in span[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                throw Invalid(reason, "scheme holds a character outside ALPHA DIGIT + - .");
            }
        }
        var scheme = span[..colon].ToString().ToLowerInvariant();
        var rest = span[(colon + 1)..];
        if (rest.IsEmpty || rest.IndexOfAny(SipSyntax.NotInUri) >= 0)
        {
            throw Invalid(reason, "URI is empty or holds a space, quote or angle bracket");
        }
        if (scheme is not ("sip" or "sips"))
        {
            CheckEscapes(rest, reason);
            return new SipUri(text, scheme, null, null, string.Empty, null, SipParameterList.Empty, SipParameterList.Empty);
        }

        // userinfo: the user part may hold ';' '?' '/' and ',' but never a raw '@', so the first '@' ends it.
        string? user = null, password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var passwordColon = userinfo.IndexOf(':');
            var userPart = passwordColon >= 0 ? userinfo[..passwordColon] : userinfo;
            if (userPart.IsEmpty || userPart.IndexOfAnyExcept(SipSyntax.UserChars) >= 0)
            {
                throw Invalid(reason, "user part holds a character §25.1 does not allow");
            }
            CheckEscapes(userPart, reason);
            user = userPart.ToString();
            if (passwordColon >= 0)
            {
                var passwordPart = userinfo[(passwordColon + 1)..];
                if (passwordPart.IndexOfAnyExcept(SipSyntax.PasswordChars) >= 0)
                {
                    throw Invalid(reason, "password holds a character §25.1 does not allow");
                }
                CheckEscapes(passwordPart, reason);
                password = passwordPart.ToString();
            }
            rest = rest[(at + 1)..];
        }

        var hostEnd = rest.IndexOfAny(';', '?');
        var hostport = hostEnd < 0 ? rest : rest[..hostEnd];
        var (host, port) = ParseHostPort(hostport, reason);
        rest = hostEnd < 0 ? [] : rest[hostEnd..];

        var parameters = SipParameterList.Empty;
        var headers = SipParameterList.Empty;
        var question = rest.IndexOf('?');
        var paramPart = question < 0 ? rest : rest[..question];
        if (!paramPart.IsEmpty)
        {
            parameters = ParsePairs(paramPart[1..], ';', SipSyntax.ParamChars, requireValue: false, reason);
        }
        if (question >= 0)
        {
            headers = ParsePairs(rest[(question + 1)..], '&', SipSyntax.HeaderChars, requireValue: true, reason);
        }
        return new SipUri(text, scheme, user, password, host, port, parameters, headers);
    }

    public static bool TryParse(string text, out SipUri? uri)
    {
        try
        {
            uri = Parse(text);
            return true;
        }
        catch (SipRejectedException)
        {
            uri = null;
            return false;
        }
    }

    /// <summary>Resolves %HH escapes (§19.1.2) as UTF-8.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }
        var bytes = new List<byte>(value.Length);
        Span<byte> one = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && SipSyntax.IsHex(value[i + 1]) && SipSyntax.IsHex(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }
            var written = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), one);
            for (var j = 0; j < written; j++)
            {
                bytes.Add(one[j]);
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>
    /// An IPv6address, also in the "hexseq ':::' IPv4address" form that RFC 3261's ABNF (taken from RFC 2373) allows by
    /// mistake: RFC 5118 §4.10 asks implementations to tolerate it, so the extra colon is ignored when checking.
    /// </summary>
    private static bool IsIpv6Address(ReadOnlySpan<char> text)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return address.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var tripleColon = text.IndexOf(":::", StringComparison.Ordinal);
        if (tripleColon < 0 || !IPAddress.TryParse(text[(tripleColon + 3)..], out var tail) || tail.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        return IPAddress.TryParse(string.Concat(text[..(tripleColon + 2)], text[(tripleColon + 3)..]), out var repaired)
            && repaired.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>host = hostname / IPv4address / IPv6reference; port = 1*DIGIT (§25.1).</summary>
    internal static (string Host, int? Port) ParseHostPort(ReadOnlySpan<char> hostport, SipRejectionReason reason)
    {
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> portText = [];
        if (hostport.StartsWith('['))
        {
            var close = hostport.IndexOf(']');
            if (close < 0 || !IsIpv6Address(hostport[1..close]))
            {
                throw Invalid(reason, "IPv6 reference is malformed");
            }
            host = hostport[..(close + 1)];
            var after = hostport[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    throw Invalid(reason, "unexpected text after the IPv6 reference");
                }
                portText = after[1..];
                if (portText.IsEmpty)
                {
                    throw Invalid(reason, "empty port");
                }
            }
        }
        else
        {
            var colon = hostport.IndexOf(':');
            host = colon < 0 ? hostport : hostport[..colon];
            if (colon >= 0)
            {
                portText = hostport[(colon + 1)..];
                if (portText.IsEmpty)
                {
                    throw Invalid(reason, "empty port");
                }
            }
            if (host.IsEmpty || host.IndexOfAnyExcept(SipSyntax.HostChars) >= 0 || host[0] is '-' or '.')
            {
                throw Invalid(reason, "host is not a host name or IPv4 address");
            }
        }

        int? port = null;
        if (!portText.IsEmpty)
        {
            if (portText.Length > 5 || portText.IndexOfAnyExceptInRange('0', '9') >= 0
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                throw Invalid(reason, "port is not 0-65535");
            }
            port = p;
        }
        return (host.ToString(), port);
    }

    private static SipParameterList ParsePairs(ReadOnlySpan<char> text, char separator, System.Buffers.SearchValues<char> allowed, bool requireValue, SipRejectionReason reason)
    {
        var list = new List<KeyValuePair<string, string?>>();
        foreach (var range in text.Split(separator))
        {
            var pair = text[range];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (name.IsEmpty || name.IndexOfAnyExcept(allowed) >= 0 || (requireValue && equals < 0))
            {
                throw Invalid(reason, "malformed URI parameter or header");
            }
            CheckEscapes(name, reason);
            string? value = null;
            if (equals >= 0)
            {
                var v = pair[(equals + 1)..];
                if ((v.IsEmpty && !requireValue) || v.IndexOfAnyExcept(allowed) >= 0)
                {
                    throw Invalid(reason, "malformed URI parameter or header value");
                }
                CheckEscapes(v, reason);
                value = v.ToString();
            }
            list.Add(new(name.ToString(), value));
        }
        return new SipParameterList(list);
    }

    /// <summary>escaped = "%" HEXDIG HEXDIG (§25.1); a lone or short '%' is an error.</summary>
    private static void CheckEscapes(ReadOnlySpan<char> text, SipRejectionReason reason)
    {
        var i = text.IndexOf('%');
        while (i >= 0)
        {
            if (i + 2 >= text.Length || !SipSyntax.IsHex(text[i + 1]) || !SipSyntax.IsHex(text[i + 2]))
            {
                throw Invalid(reason, "'%' not followed by two hex digits");
            }
            var next = text[(i + 3)..].IndexOf('%');
            i = next < 0 ? -1 : i + 3 + next;
        }
    }

    private static SipRejectedException Invalid(SipRejectionReason reason, string detail) => new(reason, detail);
}
