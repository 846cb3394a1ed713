using System.Globalization;

namespace CtiCore.Sip.Sdp;

/// <summary>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;] (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public static readonly SdpRtpMap Pcmu = new(0, "PCMU", 8000);
    public static readonly SdpRtpMap Pcma = new(8, "PCMA", 8000);

    public string Value => Channels is { } channels
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}");

    public bool IsEncoding(string name, int clockRate)
        => ClockRate == clockRate && string.Equals(EncodingName, name, StringComparison.OrdinalIgnoreCase);

    internal static bool TryParse(ReadOnlySpan<char> value, out SdpRtpMap? map)
    {
        map = null;
        var space = value.IndexOf(' ');
        if (space <= 0 || !int.TryParse(value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
        {
            return false;
        }

        var encoding = value[(space + 1)..].Trim();
        var slash = encoding.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var name = encoding[..slash];
        var rest = encoding[(slash + 1)..];
        int? channels = null;
        var second = rest.IndexOf('/');
        if (second >= 0)
        {
            if (!int.TryParse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                return false;
            }

            channels = c;
            rest = rest[..second];
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
        {
            return false;
        }

        map = new SdpRtpMap(pt, name.ToString(), rate, channels);
        return true;
    }
}
