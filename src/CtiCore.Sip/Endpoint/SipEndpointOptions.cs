using CtiCore.Sip.Messages;
using CtiCore.Sip.Registrar;
using CtiCore.Sip.Transactions;

namespace CtiCore.Sip.Endpoint;

/// <summary>
/// Options of the built-in SIP endpoint (bind with <c>BindConfiguration("Sip")</c>). The product listens on
/// 127.0.0.1:5060 by default; tests set <see cref="Port"/> to 0 for a free port.
/// </summary>
public sealed class SipEndpointOptions
{
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5060;

    public bool EnableUdp { get; set; } = true;

    public bool EnableTcp { get; set; } = true;

    public int MaxMessageSize { get; set; } = SipParser.DefaultMaxMessageSize;

    /// <summary>Messages per second each source address may send on average.</summary>
    public double RateLimitPerSecond { get; set; } = 200;

    /// <summary>Messages a source may send at once before the rate applies.</summary>
    public int RateLimitBurst { get; set; } = 400;

    /// <summary>The digest realm; REGISTER is challenged when a credential lookup is given to the endpoint.</summary>
    public string Realm { get; set; } = "cticore";

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Digest algorithms offered, most preferred first (RFC 8760 §2.4): "SHA-256", "MD5". MD5 alone by default,
    /// because most softphones in the field answer nothing else, and some (Debian 12's baresip 1.0) fail the whole
    /// registration when a SHA-256 challenge is among the offers. Both HA1 values are stored, so SHA-256 can be
    /// turned on without resetting passwords.
    /// </summary>
    public IList<string> DigestAlgorithms { get; } = ["MD5"];

    /// <summary>Value of the User-Agent/Server header.</summary>
    public string ServerName { get; set; } = "CtiCore";

    public SipTimerOptions Timers { get; set; } = new();

    public SipRegistrarOptions Registrar { get; set; } = new();

    public void Validate()
    {
        if (Port is < 0 or > 65535 || MaxMessageSize < 512 || RateLimitPerSecond <= 0 || RateLimitBurst <= 0 || string.IsNullOrWhiteSpace(Realm))
        {
            throw new InvalidOperationException($"Invalid SIP endpoint options: {this}");
        }
        if (DigestAlgorithms.Count == 0 || DigestAlgorithms.Any(a => Authentication.SipDigest.ParseAlgorithm(a) is null))
        {
            throw new InvalidOperationException("DigestAlgorithms must list SHA-256 and/or MD5.");
        }
        Timers.Validate();
    }

    public override string ToString() =>
        $"{Address}:{Port} udp={EnableUdp} tcp={EnableTcp} max={MaxMessageSize} rate={RateLimitPerSecond}/s burst={RateLimitBurst} realm={Realm} timers=({Timers}) registrar=({Registrar})";
}
