using System.Globalization;
using System.Text;

namespace CtiCore.Asterisk.Benchmarks;

/// <summary>
/// The capture's 88 events, repeated, each with one extra "CtiSeq: n" field so the consumer can count reorderings
/// and, in paced mode, "CtiSent: ticks" for wire-to-handler latency.
/// </summary>
internal static class ReplayStream
{
    public static IReadOnlyList<string> LoadEvents(string path)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        return [.. text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimStart('\r', '\n')).Where(p => p.StartsWith("Event:", StringComparison.Ordinal))];
    }

    public static byte[] Build(IReadOnlyList<string> events, int repeat)
    {
        var builder = new StringBuilder(events.Sum(e => e.Length + 24) * repeat);
        var sequence = 0;
        for (var r = 0; r < repeat; r++)
        {
            foreach (var packet in events)
            {
                var firstLineEnd = packet.IndexOf("\r\n", StringComparison.Ordinal);
                builder.Append(packet, 0, firstLineEnd)
                    .Append(CultureInfo.InvariantCulture, $"\r\nCtiSeq: {sequence++}")
                    .Append(packet, firstLineEnd, packet.Length - firstLineEnd)
                    .Append("\r\n\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>One event with its sequence number and send timestamp, for the paced latency run.</summary>
    public static byte[] Stamped(string packet, long sequence, long sentTicks)
    {
        var firstLineEnd = packet.IndexOf("\r\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Concat(
            packet.AsSpan(0, firstLineEnd),
            string.Create(CultureInfo.InvariantCulture, $"\r\nCtiSeq: {sequence}\r\nCtiSent: {sentTicks}"),
            packet.AsSpan(firstLineEnd),
            "\r\n\r\n"));
    }
}
