using System.Text;

namespace CtiCore.Sip.Benchmarks;

/// <summary>
/// The baseline: how SIP is often parsed by hand — decode the whole datagram to a string, string.Split it into lines,
/// unfold, and file every header in a case-insensitive Dictionary of lists. It checks less than SipParser does.
/// </summary>
internal static class NaiveStringParser
{
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["i"] = "Call-ID", ["m"] = "Contact", ["l"] = "Content-Length", ["c"] = "Content-Type", ["f"] = "From", ["t"] = "To", ["v"] = "Via",
    };

    public static (string StartLine, Dictionary<string, List<string>> Headers, string Body) Parse(byte[] datagram)
    {
        var text = Encoding.UTF8.GetString(datagram);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split];
        var body = text[(split + 4)..];
        var lines = head.Split("\r\n");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        string? lastName = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                var values = headers[lastName!];
                values[^1] = values[^1] + " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            if (Compact.TryGetValue(name, out var longName))
            {
                name = longName;
            }
            if (!headers.TryGetValue(name, out var list))
            {
                headers[name] = list = [];
            }
            foreach (var value in line[(colon + 1)..].Split(','))
            {
                list.Add(value.Trim());
            }
            lastName = name;
        }
        return (lines[0], headers, body);
    }
}
