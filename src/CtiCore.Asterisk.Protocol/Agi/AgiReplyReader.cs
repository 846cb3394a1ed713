using System.Buffers;
using System.Globalization;
using System.Text;

namespace CtiCore.Asterisk.Protocol.Agi;

/// <summary>
/// Reads one <see cref="AgiReply"/> from bytes (res_agi.c: "NNN result=R [(data)]\n", or "520-…" lines closed by
/// "520 …", or "HANGUP\n"). I/O-free, same contract as <see cref="AgiRequestReader"/>.
/// </summary>
public static class AgiReplyReader
{
    public const int MaxReplyBytes = 16 * 1024;

    public static OperationStatus TryRead(
        in ReadOnlySequence<byte> buffer,
        out SequencePosition consumed,
        out SequencePosition examined,
        out AgiReply? reply,
        out string? error)
    {
        consumed = buffer.Start;
        examined = buffer.End;
        reply = null;
        error = null;
        var reader = new SequenceReader<byte>(buffer);
        var text = new StringBuilder();
        int? multiLineStatus = null;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> lineBytes, (byte)'\n', advancePastDelimiter: true))
            {
                if (buffer.Length > MaxReplyBytes)
                {
                    error = $"AGI reply larger than {MaxReplyBytes} bytes";
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            var line = Encoding.UTF8.GetString(lineBytes).TrimEnd('\r');
            if (multiLineStatus is null && line == "HANGUP")
            {
                reply = new AgiReply(0, null, null, line);
                return Done(ref reader, out consumed, out examined);
            }

            var status = line.Length >= 4 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
                ? int.Parse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture)
                : -1;
            if (multiLineStatus is { } open)
            {
                // Inside "520-": usage lines until "520 End of proper usage."
                if (status == open && line[3] == ' ')
                {
                    text.Append(line.AsSpan(4));
                    reply = new AgiReply(open, null, null, text.ToString());
                    return Done(ref reader, out consumed, out examined);
                }

                text.Append(line).Append('\n');
                continue;
            }

            if (status < 0 || (line[3] != ' ' && line[3] != '-'))
            {
                error = "AGI reply does not start with a three-digit status";
                return OperationStatus.InvalidData;
            }

            if (line[3] == '-')
            {
                multiLineStatus = status;
                text.Append(line.AsSpan(4)).Append('\n');
                continue;
            }

            var rest = line[4..];
            reply = new AgiReply(status, ReadResult(rest, out var data), data, rest);
            return Done(ref reader, out consumed, out examined);
        }
    }

    private static OperationStatus Done(ref SequenceReader<byte> reader, out SequencePosition consumed, out SequencePosition examined)
    {
        consumed = reader.Position;
        examined = reader.Position;
        return OperationStatus.Done;
    }

    private static string? ReadResult(string rest, out string? data)
    {
        data = null;
        if (!rest.StartsWith("result=", StringComparison.Ordinal))
        {
            return null;
        }

        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var result = end < 0 ? rest[7..] : rest[7..end];
        var open = rest.IndexOf('(', StringComparison.Ordinal);
        var close = rest.LastIndexOf(')');
        if (open >= 0 && close > open)
        {
            data = rest[(open + 1)..close];
        }

        return result;
    }
}
