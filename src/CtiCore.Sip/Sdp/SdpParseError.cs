namespace CtiCore.Sip.Sdp;

/// <summary>Why an SDP body was refused. The SIP layer answers such an offer with 488 Not Acceptable Here (RFC 3261 §13.3.1.1).</summary>
public enum SdpParseError
{
    /// <summary>The body is empty or larger than <see cref="SdpParser.MaxBodyLength"/>.</summary>
    BadSize,
    /// <summary>A line is not &lt;type&gt;=&lt;value&gt; with a single lower-case letter type, or holds a control character.</summary>
    MalformedLine,
    /// <summary>The first line is not v=0 (RFC 4566 §5.1).</summary>
    UnsupportedVersion,
    /// <summary>o=, s= or t= is missing, repeated, or out of the order RFC 4566 §5 gives.</summary>
    MissingOrMisplacedLine,
    MalformedOrigin,
    MalformedConnection,
    MalformedMedia,
    MalformedAttribute,
    /// <summary>An m= section has no c= and the session has none either (RFC 4566 §5.7).</summary>
    MissingConnection,
    /// <summary>More m= sections than <see cref="SdpParser.MaxMediaSections"/>.</summary>
    TooManyMedia,
}
