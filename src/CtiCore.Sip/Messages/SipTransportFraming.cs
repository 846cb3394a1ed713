namespace CtiCore.Sip.Messages;

/// <summary>How the bytes of one message were delimited, which decides what Content-Length means (RFC 3261 §18.3).</summary>
public enum SipTransportFraming
{
    /// <summary>One datagram is one message: a missing Content-Length means "the rest of the datagram"; octets past the body are discarded.</summary>
    Datagram,
    /// <summary>A byte stream (TCP, TLS): Content-Length is required and frames the message.</summary>
    Stream,
}
