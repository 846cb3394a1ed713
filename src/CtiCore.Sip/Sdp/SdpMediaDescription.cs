using System.Globalization;

namespace CtiCore.Sip.Sdp;

/// <summary>
/// One m= section (RFC 4566 §5.14) with the attributes a B2BUA reads typed: rtpmap, fmtp, ptime, direction and rtcp
/// (RFC 3605). Everything else is kept in <see cref="OtherAttributes"/> and <see cref="OtherLines"/>.
/// </summary>
public sealed record SdpMediaDescription
{
    public required string Media { get; init; }

    /// <summary>The transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</summary>
    public required int Port { get; init; }

    public int? PortCount { get; init; }

    public required string Protocol { get; init; }

    /// <summary>The format list as written: payload type numbers for RTP/AVP.</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    public SdpConnection? Connection { get; init; }

    public IReadOnlyList<SdpRtpMap> RtpMaps { get; init; } = [];

    /// <summary>a=fmtp values by payload type, e.g. 101 → "0-16" for telephone-event.</summary>
    public IReadOnlyDictionary<int, string> Fmtps { get; init; } = new Dictionary<int, string>();

    public int? Ptime { get; init; }

    public int? MaxPtime { get; init; }

    /// <summary>The direction attribute of this section, or null when it has none (the session's then applies).</summary>
    public SdpDirection? Direction { get; init; }

    /// <summary>a=rtcp (RFC 3605): the RTCP port, when it is not RTP + 1.</summary>
    public int? RtcpPort { get; init; }

    public SdpConnection? RtcpConnection { get; init; }

    public IReadOnlyList<SdpAttributeLine> OtherAttributes { get; init; } = [];

    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    public bool IsRtpAudio => Media == "audio" && Protocol.StartsWith("RTP/", StringComparison.Ordinal);

    /// <summary>The numeric formats, in offer (preference) order; non-numeric formats are skipped.</summary>
    public IEnumerable<int> PayloadTypes()
    {
        foreach (var format in Formats)
        {
            if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && pt <= 127)
            {
                yield return pt;
            }
        }
    }

    /// <summary>The rtpmap of a payload type, falling back to the static assignments of RFC 3551 Table 4 for 0 and 8.</summary>
    public SdpRtpMap? RtpMapFor(int payloadType)
    {
        foreach (var map in RtpMaps)
        {
            if (map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return payloadType switch
        {
            0 => SdpRtpMap.Pcmu,
            8 => SdpRtpMap.Pcma,
            _ => null,
        };
    }
}
