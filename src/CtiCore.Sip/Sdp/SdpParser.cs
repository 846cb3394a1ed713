using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CtiCore.Sip.Sdp;

/// <summary>
/// Reads an SDP body (RFC 4566) into <see cref="SdpSessionDescription"/>. It never throws on peer input: a malformed
/// body yields an <see cref="SdpError"/>. Lines of unknown type and unknown attributes are kept, not refused
/// (RFC 4566 §5: "unknown attributes are ignored"); lines may end with CRLF or, tolerated, LF alone.
/// </summary>
public static class SdpParser
{
    /// <summary>Larger bodies are refused before any work: an offer for one call is a few hundred bytes.</summary>
    public const int MaxBodyLength = 16 * 1024;

    public const int MaxMediaSections = 16;

    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out SdpSessionDescription? description, out SdpError error)
    {
        if (body.IsEmpty || body.Length > MaxBodyLength)
        {
            description = null;
            error = new SdpError(SdpParseError.BadSize, 0, $"{body.Length} bytes (1..{MaxBodyLength} allowed)");
            return false;
        }

        // One decode for the whole body; lines are then sliced as spans and only typed values become strings.
        return TryParse(Encoding.UTF8.GetString(body), out description, out error);
    }

    public static bool TryParse(string body, [NotNullWhen(true)] out SdpSessionDescription? description, out SdpError error)
    {
        ArgumentNullException.ThrowIfNull(body);
        description = null;
        if (body.Length == 0 || body.Length > MaxBodyLength)
        {
            error = new SdpError(SdpParseError.BadSize, 0, $"{body.Length} characters (1..{MaxBodyLength} allowed)");
            return false;
        }

        var state = new Builder();
        var remaining = body.AsSpan();
        var lineNumber = 0;
        while (!remaining.IsEmpty)
        {
            lineNumber++;
            var end = remaining.IndexOf('\n');
            var line = end < 0 ? remaining : remaining[..end];
            remaining = end < 0 ? [] : remaining[(end + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue; // a trailing empty line is common; tolerated anywhere
            }

            if (!state.Accept(line, lineNumber, out error))
            {
                return false;
            }
        }

        return state.TryBuild(out description, out error);
    }

    private sealed class Builder
    {
        private readonly List<SdpMediaDescription> _media = [];
        private readonly List<SdpAttributeLine> _attributes = [];
        private readonly List<SdpLine> _lines = [];
        private readonly List<string> _timing = [];
        private MediaBuilder? _current;
        private bool _sawVersion;
        private SdpOrigin? _origin;
        private string? _sessionName;
        private SdpConnection? _connection;
        private SdpDirection? _direction;

        public bool Accept(ReadOnlySpan<char> line, int number, out SdpError error)
        {
            error = default;
            if (line.Length < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z' || line.ContainsAnyInRange('\0', '\u0008') || line.ContainsAnyInRange('\u000A', '\u001F') || line.Contains('\u007F'))
            {
                error = new SdpError(SdpParseError.MalformedLine, number, "expected <type>=<value>");
                return false;
            }

            var type = line[0];
            var value = line[2..];
            if (!_sawVersion)
            {
                if (type != 'v' || !value.SequenceEqual("0"))
                {
                    error = new SdpError(SdpParseError.UnsupportedVersion, number, "the first line must be v=0");
                    return false;
                }

                _sawVersion = true;
                return true;
            }

            if (_origin is null || _sessionName is null)
            {
                return AcceptHeader(type, value, number, out error);
            }

            if (type == 'm')
            {
                return StartMedia(value, number, out error);
            }

            return _current is null ? AcceptSessionLine(type, value, number, out error) : _current.Accept(type, value, number, out error);
        }

        public bool TryBuild([NotNullWhen(true)] out SdpSessionDescription? description, out SdpError error)
        {
            description = null;
            if (_origin is null || _sessionName is null)
            {
                error = new SdpError(SdpParseError.MissingOrMisplacedLine, 0, "o= and s= are required after v=");
                return false;
            }

            FinishMedia();
            for (var i = 0; i < _media.Count; i++)
            {
                if (_media[i].Connection is null && _connection is null && _media[i].Port != 0)
                {
                    error = new SdpError(SdpParseError.MissingConnection, 0, $"media section {i + 1} has no c= and the session has none");
                    return false;
                }
            }

            description = new SdpSessionDescription
            {
                Origin = _origin,
                SessionName = _sessionName,
                Connection = _connection,
                Timing = _timing.Count == 0 ? ["0 0"] : _timing,
                Direction = _direction,
                OtherAttributes = _attributes,
                OtherLines = _lines,
                Media = _media,
            };
            error = default;
            return true;
        }

        private bool AcceptHeader(char type, ReadOnlySpan<char> value, int number, out SdpError error)
        {
            error = default;
            if (_origin is null && type == 'o')
            {
                if (!TryParseOrigin(value, out _origin))
                {
                    error = new SdpError(SdpParseError.MalformedOrigin, number, "o=<username> <sess-id> <sess-version> <nettype> <addrtype> <address>");
                    return false;
                }

                return true;
            }

            if (_origin is not null && type == 's')
            {
                _sessionName = value.ToString();
                return true;
            }

            error = new SdpError(SdpParseError.MissingOrMisplacedLine, number, $"'{type}=' where RFC 4566 §5 wants {(_origin is null ? "o=" : "s=")}");
            return false;
        }

        private bool AcceptSessionLine(char type, ReadOnlySpan<char> value, int number, out SdpError error)
        {
            error = default;
            switch (type)
            {
                case 'c':
                    if (_connection is not null || !TryParseConnection(value, out _connection))
                    {
                        error = new SdpError(SdpParseError.MalformedConnection, number, "c=<nettype> <addrtype> <address>, once per level");
                        return false;
                    }

                    return true;
                case 't':
                    _timing.Add(value.ToString());
                    return true;
                case 'a':
                    SplitAttribute(value, out var name, out var attributeValue);
                    if (attributeValue.IsEmpty && SdpDirections.TryParse(name, out var direction))
                    {
                        _direction = direction;
                    }
                    else
                    {
                        _attributes.Add(ToAttribute(value));
                    }

                    return true;
                case 'v' or 'o' or 's':
                    error = new SdpError(SdpParseError.MissingOrMisplacedLine, number, $"a second '{type}=' line");
                    return false;
                default:
                    _lines.Add(new SdpLine(type, value.ToString()));
                    return true;
            }
        }

        private bool StartMedia(ReadOnlySpan<char> value, int number, out SdpError error)
        {
            error = default;
            FinishMedia();
            if (_media.Count >= MaxMediaSections)
            {
                error = new SdpError(SdpParseError.TooManyMedia, number, $"more than {MaxMediaSections} m= sections");
                return false;
            }

            // m=<media> <port>[/<number of ports>] <proto> <fmt> ...
            Span<Range> parts = stackalloc Range[4];
            if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) < 4)
            {
                error = new SdpError(SdpParseError.MalformedMedia, number, "m=<media> <port> <proto> <fmt> ...");
                return false;
            }

            var portText = value[parts[1]];
            int? count = null;
            var slash = portText.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(portText[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1)
                {
                    error = new SdpError(SdpParseError.MalformedMedia, number, "bad port count");
                    return false;
                }

                count = c;
                portText = portText[..slash];
            }

            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                error = new SdpError(SdpParseError.MalformedMedia, number, "the port is not 0..65535");
                return false;
            }

            var formats = new List<string>();
            foreach (var range in value[parts[3]].Split(' '))
            {
                var format = value[parts[3]][range];
                if (!format.IsEmpty)
                {
                    formats.Add(format.ToString());
                }
            }

            _current = new MediaBuilder(value[parts[0]].ToString(), port, count, value[parts[2]].ToString(), formats);
            return true;
        }

        private void FinishMedia()
        {
            if (_current is not null)
            {
                _media.Add(_current.Build());
                _current = null;
            }
        }
    }

    private sealed class MediaBuilder(string media, int port, int? count, string protocol, List<string> formats)
    {
        private readonly List<SdpRtpMap> _rtpMaps = [];
        private readonly Dictionary<int, string> _fmtps = [];
        private readonly List<SdpAttributeLine> _attributes = [];
        private readonly List<SdpLine> _lines = [];
        private SdpConnection? _connection;
        private SdpConnection? _rtcpConnection;
        private int? _ptime;
        private int? _maxPtime;
        private int? _rtcpPort;
        private SdpDirection? _direction;

        public bool Accept(char type, ReadOnlySpan<char> value, int number, out SdpError error)
        {
            error = default;
            switch (type)
            {
                case 'c':
                    if (_connection is not null || !TryParseConnection(value, out _connection))
                    {
                        error = new SdpError(SdpParseError.MalformedConnection, number, "c=<nettype> <addrtype> <address>, once per level");
                        return false;
                    }

                    return true;
                case 'a':
                    if (!AcceptAttribute(value))
                    {
                        error = new SdpError(SdpParseError.MalformedAttribute, number, $"a={value}");
                        return false;
                    }

                    return true;
                case 'v' or 'o' or 's' or 't':
                    error = new SdpError(SdpParseError.MissingOrMisplacedLine, number, $"'{type}=' inside a media section");
                    return false;
                default:
                    _lines.Add(new SdpLine(type, value.ToString()));
                    return true;
            }
        }

        public SdpMediaDescription Build() => new()
        {
            Media = media,
            Port = port,
            PortCount = count,
            Protocol = protocol,
            Formats = formats,
            Connection = _connection,
            RtpMaps = _rtpMaps,
            Fmtps = _fmtps,
            Ptime = _ptime,
            MaxPtime = _maxPtime,
            Direction = _direction,
            RtcpPort = _rtcpPort,
            RtcpConnection = _rtcpConnection,
            OtherAttributes = _attributes,
            OtherLines = _lines,
        };

        private bool AcceptAttribute(ReadOnlySpan<char> text)
        {
            SplitAttribute(text, out var name, out var value);
            switch (name)
            {
                case "rtpmap":
                    if (!SdpRtpMap.TryParse(value, out var map))
                    {
                        return false;
                    }

                    _rtpMaps.Add(map!);
                    return true;
                case "fmtp":
                    var space = value.IndexOf(' ');
                    if (space <= 0 || !int.TryParse(value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
                    {
                        return false;
                    }

                    _fmtps[pt] = value[(space + 1)..].Trim().ToString();
                    return true;
                case "ptime":
                    return TryParseMilliseconds(value, out _ptime);
                case "maxptime":
                    return TryParseMilliseconds(value, out _maxPtime);
                case "rtcp":
                    return TryParseRtcp(value);
                default:
                    if (value.IsEmpty && SdpDirections.TryParse(name, out var direction))
                    {
                        _direction = direction;
                    }
                    else
                    {
                        _attributes.Add(ToAttribute(text));
                    }

                    return true;
            }
        }

        private static bool TryParseMilliseconds(ReadOnlySpan<char> value, out int? milliseconds)
        {
            // RFC 4566 §6 allows a decimal ptime; whole milliseconds are what RTP packetisation uses.
            var dot = value.IndexOf('.');
            var whole = dot >= 0 ? value[..dot] : value;
            var ok = int.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 10_000;
            milliseconds = ok ? ms : null;
            return ok;
        }

        private bool TryParseRtcp(ReadOnlySpan<char> value)
        {
            // RFC 3605: a=rtcp:<port> [<nettype> <addrtype> <connection-address>]
            var space = value.IndexOf(' ');
            var portText = space < 0 ? value : value[..space];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var rtcpPort) || rtcpPort is 0 or > 65535)
            {
                return false;
            }

            _rtcpPort = rtcpPort;
            return space < 0 || TryParseConnection(value[(space + 1)..], out _rtcpConnection);
        }
    }

    private static void SplitAttribute(ReadOnlySpan<char> text, out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        var colon = text.IndexOf(':');
        name = colon < 0 ? text : text[..colon];
        value = colon < 0 ? [] : text[(colon + 1)..];
    }

    private static SdpAttributeLine ToAttribute(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? new SdpAttributeLine(text.ToString(), null) : new SdpAttributeLine(text[..colon].ToString(), text[(colon + 1)..].ToString());
    }

    private static bool TryParseOrigin(ReadOnlySpan<char> value, out SdpOrigin? origin)
    {
        origin = null;
        Span<Range> parts = stackalloc Range[7];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 6
            || !ulong.TryParse(value[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !ulong.TryParse(value[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        origin = new SdpOrigin(value[parts[0]].ToString(), id, version, value[parts[3]].ToString(), value[parts[4]].ToString(), value[parts[5]].ToString());
        return true;
    }

    private static bool TryParseConnection(ReadOnlySpan<char> value, out SdpConnection? connection)
    {
        connection = null;
        Span<Range> parts = stackalloc Range[4];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 3)
        {
            return false;
        }

        var addressType = value[parts[1]];
        if (!addressType.SequenceEqual("IP4") && !addressType.SequenceEqual("IP6"))
        {
            return false;
        }

        connection = new SdpConnection(value[parts[0]].ToString(), addressType.ToString(), value[parts[2]].ToString());
        return true;
    }
}
