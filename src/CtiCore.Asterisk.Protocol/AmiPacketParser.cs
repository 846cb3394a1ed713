using System.Buffers;

namespace CtiCore.Asterisk.Protocol;

/// <summary>Indexes the lines of one complete packet (the second, cheap pass after the scanner found its end).</summary>
internal static class AmiPacketParser
{
    public static bool TryParse(in ReadOnlySequence<byte> packetBytes, bool follows, out AmiPacket? packet, out AmiException? error)
    {
        // One copy per packet: the packet outlives the pipe's buffers and its values are decoded lazily from it.
        var bytes = packetBytes.ToArray();
        return TryParse(bytes, follows, out packet, out error);
    }

    public static bool TryParse(byte[] bytes, bool follows, out AmiPacket? packet, out AmiException? error)
    {
        packet = null;
        error = null;
        var span = bytes.AsSpan();
        // One line is at most one field: size the index exactly once instead of growing a list.
        var fields = new AmiField[span.Count((byte)'\n') + (span.Length > 0 && span[^1] != (byte)'\n' ? 1 : 0)];
        var fieldCount = 0;
        var kindField = -1;
        var kind = AmiPacketKind.Event;
        var inRawOutput = false;
        var position = 0;
        while (position < span.Length)
        {
            var newline = span[position..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? span.Length : position + newline;
            var contentEnd = lineEnd > position && span[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
            var line = span[position..contentEnd];
            var lineStart = position;
            position = lineEnd + 1;

            if (follows && (inRawOutput || !IsLegacyHeaderLine(line)))
            {
                // Legacy command output: everything after the Response/Privilege/ActionID header is raw text.
                inRawOutput = true;
                if (!line.SequenceEqual("--END COMMAND--"u8))
                {
                    fields[fieldCount++] = new AmiField(lineStart, -1, lineStart, line.Length);
                }

                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                error = new AmiException(AmiErrorReason.MalformedLine,
                    $"AMI line {fieldCount + 1} has no \"Key:\" part ({Describe(line)})");
                return false;
            }

            var key = line[..colon];
            if (!IsValidKey(key))
            {
                error = new AmiException(AmiErrorReason.InvalidKey,
                    $"AMI line {fieldCount + 1} has an invalid key ({Describe(key)})");
                return false;
            }

            var valueStart = colon + 1;
            if (valueStart < line.Length && line[valueStart] == (byte)' ')
            {
                valueStart++;
            }

            var isEvent = System.Text.Ascii.EqualsIgnoreCase(key, "Event"u8);
            var isResponse = !isEvent && System.Text.Ascii.EqualsIgnoreCase(key, "Response"u8);
            if (isEvent || isResponse)
            {
                // OriginateResponse is an event that carries a "Response:" field, so only a second Event, or a second
                // Response inside a response, means two packets ran together.
                if (kindField >= 0 && (isEvent || kind == AmiPacketKind.Response))
                {
                    error = new AmiException(AmiErrorReason.MissingBlankLine,
                        $"a second \"{(isEvent ? "Event" : "Response")}:\" inside one AMI packet: the blank line between two packets is missing");
                    return false;
                }

                if (kindField < 0)
                {
                    kindField = fieldCount;
                    kind = isEvent ? AmiPacketKind.Event : AmiPacketKind.Response;
                }
            }

            fields[fieldCount++] = new AmiField(lineStart, colon, lineStart + valueStart, line.Length - valueStart);
        }

        if (kindField < 0)
        {
            error = new AmiException(AmiErrorReason.UnknownPacketKind,
                fieldCount == 0 ? "empty AMI packet" : "AMI packet with neither an Event nor a Response key");
            return false;
        }

        if (fieldCount != fields.Length)
        {
            Array.Resize(ref fields, fieldCount);
        }

        packet = new AmiPacket(kind, bytes, fields, kindField);
        return true;
    }

    private static bool IsLegacyHeaderLine(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        var key = line[..colon];
        return System.Text.Ascii.EqualsIgnoreCase(key, "Response"u8) || System.Text.Ascii.EqualsIgnoreCase(key, "Privilege"u8)
            || System.Text.Ascii.EqualsIgnoreCase(key, "ActionID"u8) || System.Text.Ascii.EqualsIgnoreCase(key, "Message"u8);
    }

    /// <summary>Keys are printable ASCII without leading space (manager.c writes them from C string literals).</summary>
    private static bool IsValidKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty || key[0] == (byte)' ')
        {
            return false;
        }

        foreach (var b in key)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short, printable description of bad input for an error message (never the whole line).</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, 40)];
        var chars = new char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            chars[i] = shown[i] is >= 0x20 and < 0x7F ? (char)shown[i] : '?';
        }

        return $"{bytes.Length} bytes: \"{new string(chars)}{(bytes.Length > shown.Length ? "…" : string.Empty)}\"";
    }
}
