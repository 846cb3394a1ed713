using System.Globalization;
using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>
/// One Via value: sent-protocol LWS sent-by *( SEMI via-params ) (RFC 3261 §20.42, §25.1); LWS may surround the '/'s.
/// The transport is any token, so unknown transports parse (RFC 4475 §3.1.1.10).
/// </summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 §8.1.1.7: branches of 3261 transactions start with this magic cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, SipParameterList parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>Transport in upper case (UDP, TCP, TLS, SCTP, WS…).</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameterList Parameters { get; }

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    /// <summary>True when the branch follows RFC 3261 (starts with the magic cookie and has something after it).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string SentBy => Port is null ? Host : $"{Host}:{Port.Value.ToString(CultureInfo.InvariantCulture)}";

    public SipVia WithParameter(string name, string? value) => new(Transport, Host, Port, Parameters.With(name, value));

    public override string ToString()
    {
        var builder = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(SentBy);
        Parameters.AppendTo(builder, quoteNonTokens: true);
        return builder.ToString();
    }

    public static SipVia Parse(string value)
    {
        var reader = new SipHeaderReader(value);
        reader.SkipWhitespace();
        var protocol = reader.ReadToken();
        if (!protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase) || !reader.TryConsume('/'))
        {
            throw SipHeaderReader.Invalid("Via must start with SIP/2.0/transport");
        }
        var version = reader.ReadToken();
        if (!version.SequenceEqual("2.0") || !reader.TryConsume('/'))
        {
            throw SipHeaderReader.Invalid("Via protocol version must be 2.0");
        }
        var transport = reader.ReadToken();
        if (transport.IsEmpty)
        {
            throw SipHeaderReader.Invalid("Via has no transport");
        }
        reader.SkipWhitespace();
        var rest = reader.Remaining;
        var end = rest.IndexOfAny(";, \t");
        var sentBy = end < 0 ? rest : rest[..end];
        if (sentBy.IsEmpty)
        {
            throw SipHeaderReader.Invalid("Via has no sent-by");
        }
        var (host, port) = SipUri.ParseHostPort(sentBy, SipRejectionReason.InvalidHeaderValue);
        reader.Position += sentBy.Length;
        var parameters = reader.ReadParameters();
        if (!reader.AtEnd)
        {
            throw SipHeaderReader.Invalid("unexpected text after the Via parameters");
        }
        return new SipVia(transport.ToString().ToUpperInvariant(), host, port, parameters);
    }
}
