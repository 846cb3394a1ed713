using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>Canonical names of the known headers and the mapping from wire names (long or compact, any case) to <see cref="SipHeaderId"/>.</summary>
public static class SipHeaderNames
{
    public static string Canonical(SipHeaderId id) => id switch
    {
        SipHeaderId.Via => "Via",
        SipHeaderId.From => "From",
        SipHeaderId.To => "To",
        SipHeaderId.CallId => "Call-ID",
        SipHeaderId.CSeq => "CSeq",
        SipHeaderId.Contact => "Contact",
        SipHeaderId.MaxForwards => "Max-Forwards",
        SipHeaderId.ContentLength => "Content-Length",
        SipHeaderId.ContentType => "Content-Type",
        SipHeaderId.ContentEncoding => "Content-Encoding",
        SipHeaderId.Route => "Route",
        SipHeaderId.RecordRoute => "Record-Route",
        SipHeaderId.Expires => "Expires",
        SipHeaderId.MinExpires => "Min-Expires",
        SipHeaderId.Authorization => "Authorization",
        SipHeaderId.ProxyAuthorization => "Proxy-Authorization",
        SipHeaderId.WwwAuthenticate => "WWW-Authenticate",
        SipHeaderId.ProxyAuthenticate => "Proxy-Authenticate",
        SipHeaderId.AuthenticationInfo => "Authentication-Info",
        SipHeaderId.Require => "Require",
        SipHeaderId.ProxyRequire => "Proxy-Require",
        SipHeaderId.Supported => "Supported",
        SipHeaderId.Unsupported => "Unsupported",
        SipHeaderId.Allow => "Allow",
        SipHeaderId.Accept => "Accept",
        SipHeaderId.Date => "Date",
        SipHeaderId.Subject => "Subject",
        SipHeaderId.UserAgent => "User-Agent",
        SipHeaderId.Server => "Server",
        SipHeaderId.RetryAfter => "Retry-After",
        SipHeaderId.Event => "Event",
        SipHeaderId.ReferTo => "Refer-To",
        SipHeaderId.ReferredBy => "Referred-By",
        SipHeaderId.AllowEvents => "Allow-Events",
        SipHeaderId.Warning => "Warning",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "no canonical name"),
    };

    public static SipHeaderId Identify(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return SipHeaderId.Other;
        }
        var written = Encoding.ASCII.GetBytes(name, buffer);
        return Identify(buffer[..written]);
    }

    /// <summary>Resolves a wire name. RFC 3261 §7.3.1: names compare case-insensitively; §7.3.3 and later RFCs give the compact forms.</summary>
    public static SipHeaderId Identify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return (name[0] | 0x20) switch
            {
                'i' => SipHeaderId.CallId,
                'm' => SipHeaderId.Contact,
                'e' => SipHeaderId.ContentEncoding,
                'l' => SipHeaderId.ContentLength,
                'c' => SipHeaderId.ContentType,
                'f' => SipHeaderId.From,
                's' => SipHeaderId.Subject,
                'k' => SipHeaderId.Supported,
                't' => SipHeaderId.To,
                'v' => SipHeaderId.Via,
                'o' => SipHeaderId.Event, // RFC 6665 §8.2.1
                'r' => SipHeaderId.ReferTo, // RFC 3515 §2.1
                'b' => SipHeaderId.ReferredBy, // RFC 3892 §3
                'u' => SipHeaderId.AllowEvents, // RFC 6665 §8.2.2
                _ => SipHeaderId.Other,
            };
        }

        return name.Length switch
        {
            2 => Is(name, "To"u8) ? SipHeaderId.To : SipHeaderId.Other,
            3 => Is(name, "Via"u8) ? SipHeaderId.Via : SipHeaderId.Other,
            4 => Is(name, "From"u8) ? SipHeaderId.From
                : Is(name, "CSeq"u8) ? SipHeaderId.CSeq
                : Is(name, "Date"u8) ? SipHeaderId.Date : SipHeaderId.Other,
            5 => Is(name, "Route"u8) ? SipHeaderId.Route
                : Is(name, "Allow"u8) ? SipHeaderId.Allow
                : Is(name, "Event"u8) ? SipHeaderId.Event : SipHeaderId.Other,
            6 => Is(name, "Accept"u8) ? SipHeaderId.Accept
                : Is(name, "Server"u8) ? SipHeaderId.Server : SipHeaderId.Other,
            7 => Is(name, "Call-ID"u8) ? SipHeaderId.CallId
                : Is(name, "Contact"u8) ? SipHeaderId.Contact
                : Is(name, "Expires"u8) ? SipHeaderId.Expires
                : Is(name, "Require"u8) ? SipHeaderId.Require
                : Is(name, "Subject"u8) ? SipHeaderId.Subject
                : Is(name, "Warning"u8) ? SipHeaderId.Warning : SipHeaderId.Other,
            8 => Is(name, "Refer-To"u8) ? SipHeaderId.ReferTo : SipHeaderId.Other,
            9 => Is(name, "Supported"u8) ? SipHeaderId.Supported : SipHeaderId.Other,
            10 => Is(name, "User-Agent"u8) ? SipHeaderId.UserAgent : SipHeaderId.Other,
            11 => Is(name, "Min-Expires"u8) ? SipHeaderId.MinExpires
                : Is(name, "Unsupported"u8) ? SipHeaderId.Unsupported
                : Is(name, "Retry-After"u8) ? SipHeaderId.RetryAfter
                : Is(name, "Referred-By"u8) ? SipHeaderId.ReferredBy : SipHeaderId.Other,
            12 => Is(name, "Max-Forwards"u8) ? SipHeaderId.MaxForwards
                : Is(name, "Content-Type"u8) ? SipHeaderId.ContentType
                : Is(name, "Record-Route"u8) ? SipHeaderId.RecordRoute
                : Is(name, "Allow-Events"u8) ? SipHeaderId.AllowEvents : SipHeaderId.Other,
            13 => Is(name, "Authorization"u8) ? SipHeaderId.Authorization
                : Is(name, "Proxy-Require"u8) ? SipHeaderId.ProxyRequire : SipHeaderId.Other,
            14 => Is(name, "Content-Length"u8) ? SipHeaderId.ContentLength : SipHeaderId.Other,
            16 => Is(name, "WWW-Authenticate"u8) ? SipHeaderId.WwwAuthenticate
                : Is(name, "Content-Encoding"u8) ? SipHeaderId.ContentEncoding : SipHeaderId.Other,
            18 => Is(name, "Proxy-Authenticate"u8) ? SipHeaderId.ProxyAuthenticate : SipHeaderId.Other,
            19 => Is(name, "Proxy-Authorization"u8) ? SipHeaderId.ProxyAuthorization
                : Is(name, "Authentication-Info"u8) ? SipHeaderId.AuthenticationInfo : SipHeaderId.Other,
            _ => SipHeaderId.Other,
        };
    }

    /// <summary>Headers that may appear at most once; a second one is a malformed message (RFC 4475 §3.3.8, §3.3.9).</summary>
    internal static bool IsSingleValued(SipHeaderId id) => id is SipHeaderId.CallId or SipHeaderId.CSeq or SipHeaderId.From
        or SipHeaderId.To or SipHeaderId.MaxForwards or SipHeaderId.ContentLength or SipHeaderId.ContentType;

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> known) => Ascii.EqualsIgnoreCase(name, known);
}
