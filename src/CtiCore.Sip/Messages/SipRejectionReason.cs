namespace CtiCore.Sip.Messages;

/// <summary>Why a message was refused. Each reason maps to one SIP status (see <see cref="SipRejectedException.StatusCodeFor"/>).</summary>
public enum SipRejectionReason
{
    /// <summary>The start line is neither a Request-Line nor a Status-Line (RFC 3261 §7.1, §7.2).</summary>
    MalformedStartLine,
    /// <summary>The Request-URI is not a URI, or holds what §19.1.1 forbids there (headers, angle brackets, spaces).</summary>
    MalformedRequestUri,
    /// <summary>The SIP-Version is well formed but not 2.0 (answered with 505, §8.2.2... and §21.5.6).</summary>
    UnsupportedVersion,
    /// <summary>The status code is not three digits 100–699 (§7.2).</summary>
    InvalidStatusCode,
    /// <summary>A header line has no name, no colon, or a control character (§7.3).</summary>
    MalformedHeader,
    /// <summary>A line ends with LF alone, or a CR stands alone (§7: lines end with CRLF).</summary>
    BareLineFeed,
    /// <summary>The header section never ends with an empty line.</summary>
    HeadersNotTerminated,
    /// <summary>More header lines than the configured limit.</summary>
    TooManyHeaders,
    /// <summary>A header that may appear once (Call-ID, CSeq, From, To, Max-Forwards, Content-Length, Content-Type) appears twice (§7.3, §20).</summary>
    DuplicateHeader,
    /// <summary>A header every request and response needs is absent (§8.1.1: To, From, CSeq, Call-ID, Via).</summary>
    MissingRequiredHeader,
    /// <summary>A header's value does not follow its grammar (§25.1).</summary>
    InvalidHeaderValue,
    /// <summary>A URI in a header does not follow §19.1 or §25.1.</summary>
    InvalidUri,
    /// <summary>CSeq's number is not below 2**31 or its method differs from the request's (§8.1.1.5, §8.2.2).</summary>
    InvalidCSeq,
    /// <summary>Content-Length is not 1*DIGIT or overflows (§20.14).</summary>
    InvalidContentLength,
    /// <summary>Content-Length is absent on a stream transport, where it frames the message (§18.3, §20.14).</summary>
    MissingContentLength,
    /// <summary>Content-Length claims more octets than the datagram or message holds (§18.3).</summary>
    ContentLengthMismatch,
    /// <summary>The message is bigger than the configured maximum (answered with 513, §21.5.13).</summary>
    MessageTooLarge,
}
