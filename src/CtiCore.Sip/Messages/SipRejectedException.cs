namespace CtiCore.Sip.Messages;

/// <summary>
/// The one exception the SIP stack raises for what a peer sent. It is never transient: the same bytes fail the
/// same way. A request rejected like this is answered with <see cref="StatusCode"/> when it parsed far enough to
/// answer (RFC 3261 §8.2.1–§8.2.2), a response is dropped (§18.1.2), and a stream transport breaks the connection.
/// </summary>
public sealed class SipRejectedException : Exception
{
    public SipRejectedException(SipRejectionReason reason, string detail)
        : base($"{reason}: {detail}")
    {
        Reason = reason;
        Detail = detail;
    }

    public SipRejectedException()
        : this(SipRejectionReason.MalformedStartLine, "unspecified")
    {
    }

    public SipRejectedException(string message)
        : this(SipRejectionReason.MalformedStartLine, message)
    {
    }

    public SipRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = SipRejectionReason.MalformedStartLine;
        Detail = message;
    }

    public SipRejectionReason Reason { get; }

    /// <summary>What was wrong, in words fit for a Warning header or a log line (never the message itself).</summary>
    public string Detail { get; }

    public int StatusCode => StatusCodeFor(Reason);

    public static int StatusCodeFor(SipRejectionReason reason) => reason switch
    {
        SipRejectionReason.UnsupportedVersion => 505,
        SipRejectionReason.MessageTooLarge => 513,
        _ => 400,
    };
}
