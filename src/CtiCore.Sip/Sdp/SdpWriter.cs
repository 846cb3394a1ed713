using System.Globalization;
using System.Text;

namespace CtiCore.Sip.Sdp;

/// <summary>Writes an <see cref="SdpSessionDescription"/> in the line order of RFC 4566 §5, every line ending with CRLF.</summary>
public static class SdpWriter
{
    public static string Write(SdpSessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = new StringBuilder(512);
        Line(text, 'v', description.Version.ToString(CultureInfo.InvariantCulture));
        Line(text, 'o', description.Origin.ToString());
        Line(text, 's', description.SessionName);
        // i u e p come before c; b after it; r z k after t (RFC 4566 §5).
        OtherLines(text, description.OtherLines, "iuep");
        if (description.Connection is not null)
        {
            Line(text, 'c', description.Connection.ToString());
        }

        OtherLines(text, description.OtherLines, "b");
        foreach (var timing in description.Timing)
        {
            Line(text, 't', timing);
        }

        OtherLines(text, description.OtherLines, "rzk");
        OtherLines(text, description.OtherLines, null);
        foreach (var attribute in description.OtherAttributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        if (description.Direction is { } direction)
        {
            Line(text, 'a', direction.ToAttributeName());
        }

        foreach (var media in description.Media)
        {
            WriteMedia(text, media);
        }

        return text.ToString();
    }

    public static byte[] WriteUtf8(SdpSessionDescription description) => Encoding.UTF8.GetBytes(Write(description));

    private static void WriteMedia(StringBuilder text, SdpMediaDescription media)
    {
        var port = media.PortCount is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"{media.Port}/{count}")
            : media.Port.ToString(CultureInfo.InvariantCulture);
        Line(text, 'm', $"{media.Media} {port} {media.Protocol} {string.Join(' ', media.Formats)}");
        OtherLines(text, media.OtherLines, "i");
        if (media.Connection is not null)
        {
            Line(text, 'c', media.Connection.ToString());
        }

        OtherLines(text, media.OtherLines, "bk");
        OtherLines(text, media.OtherLines, null);
        foreach (var map in media.RtpMaps)
        {
            Line(text, 'a', "rtpmap:" + map.Value);
        }

        foreach (var (pt, parameters) in media.Fmtps.OrderBy(f => f.Key))
        {
            Line(text, 'a', string.Create(CultureInfo.InvariantCulture, $"fmtp:{pt} {parameters}"));
        }

        if (media.Ptime is { } ptime)
        {
            Line(text, 'a', string.Create(CultureInfo.InvariantCulture, $"ptime:{ptime}"));
        }

        if (media.MaxPtime is { } maxPtime)
        {
            Line(text, 'a', string.Create(CultureInfo.InvariantCulture, $"maxptime:{maxPtime}"));
        }

        if (media.RtcpPort is { } rtcp)
        {
            Line(text, 'a', media.RtcpConnection is null
                ? string.Create(CultureInfo.InvariantCulture, $"rtcp:{rtcp}")
                : string.Create(CultureInfo.InvariantCulture, $"rtcp:{rtcp} {media.RtcpConnection}"));
        }

        foreach (var attribute in media.OtherAttributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        if (media.Direction is { } direction)
        {
            Line(text, 'a', direction.ToAttributeName());
        }
    }

    private static void OtherLines(StringBuilder text, IReadOnlyList<SdpLine> lines, string? types)
    {
        const string known = "iuepbrzk";
        foreach (var line in lines)
        {
            var wanted = types is null ? !known.Contains(line.Type, StringComparison.Ordinal) : types.Contains(line.Type, StringComparison.Ordinal);
            if (wanted)
            {
                Line(text, line.Type, line.Value);
            }
        }
    }

    private static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");
}
