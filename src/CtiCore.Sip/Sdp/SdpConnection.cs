using System.Net;

namespace CtiCore.Sip.Sdp;

/// <summary>The c= line (RFC 4566 §5.7). Multicast TTL and address counts are kept as written in <see cref="Address"/>.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", SdpOrigin.AddressTypeOf(address), address.ToString());
    }

    /// <summary>RFC 3264 §8.4 (from RFC 2543): c=0.0.0.0 is the old way to put a stream on hold.</summary>
    public bool IsHoldAddress => Address is "0.0.0.0" or "::";

    /// <summary>The unicast address, or null for an FQDN or a multicast form (address/ttl).</summary>
    public IPAddress? TryGetIPAddress() => IPAddress.TryParse(Address, out var ip) ? ip : null;

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
