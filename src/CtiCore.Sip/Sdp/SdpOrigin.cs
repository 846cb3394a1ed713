using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Sdp;

/// <summary>
/// The o= line (RFC 4566 §5.2). RFC 3264 §8: every new offer or answer in a session carries the same session id and a
/// version one higher than the last, so a B2BUA keeps one origin per leg and calls <see cref="NextVersion"/>.
/// </summary>
public sealed record SdpOrigin(string UserName, ulong SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>A fresh origin for one leg, with a session id from the clock (RFC 4566 suggests an NTP timestamp).</summary>
    public static SdpOrigin Create(IPAddress address, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var id = (ulong)(time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        return new SdpOrigin("CtiCore", id, id, "IN", AddressTypeOf(address), address.ToString());
    }

    public SdpOrigin NextVersion() => this with { SessionVersion = SessionVersion + 1 };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}");

    internal static string AddressTypeOf(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
}
