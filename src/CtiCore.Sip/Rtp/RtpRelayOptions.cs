using System.Net;

namespace CtiCore.Sip.Rtp;

/// <summary>Settings of the media relay (section <c>Cti:Sip:Rtp</c> once wired into the server).</summary>
public sealed class RtpRelayOptions
{
    /// <summary>The address the relay's sockets bind to. Default 127.0.0.1, as for the embedded SIP endpoint.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The address written into SDP c= lines, when it differs from <see cref="BindAddress"/> (0.0.0.0, NAT).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>First port of the range (inclusive). Each leg takes an even RTP port and the odd one above it for RTCP.</summary>
    public int PortRangeStart { get; set; } = 20000;

    /// <summary>Last port of the range (inclusive).</summary>
    public int PortRangeEnd { get; set; } = 29999;

    /// <summary>
    /// Latch to the first source whatever its address (symmetric RTP behind NAT, where the SDP names a private address).
    /// When false (default) the relay only latches to a source whose IP is the one the SDP announced; others are dropped.
    /// </summary>
    public bool AllowLatchingFromAnyAddress { get; set; }

    /// <summary>A leg that sends no RTP for this long, outside hold, ends <see cref="RtpSession.MediaTimeout"/>. Zero disables.</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal IPAddress BindIPAddress => IPAddress.Parse(BindAddress);

    internal IPAddress AdvertisedIPAddress => AdvertisedAddress is null ? BindIPAddress : IPAddress.Parse(AdvertisedAddress);

    /// <summary>Throws <see cref="ArgumentException"/> describing the first bad setting (checked at start, not per call).</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            throw new ArgumentException($"Rtp BindAddress '{BindAddress}' is not an IP address.");
        }

        if (AdvertisedAddress is not null && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            throw new ArgumentException($"Rtp AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
        }

        if (PortRangeStart < 1024 || PortRangeEnd > IPEndPoint.MaxPort || PortRangeEnd - PortRangeStart < 3)
        {
            throw new ArgumentException($"Rtp port range {PortRangeStart}-{PortRangeEnd} must lie in 1024-65535 and hold at least two port pairs.");
        }

        if (MediaTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("Rtp MediaTimeout must not be negative.");
        }
    }
}
