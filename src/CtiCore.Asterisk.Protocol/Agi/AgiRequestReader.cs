using System.Buffers;
using System.Text;

namespace CtiCore.Asterisk.Protocol.Agi;

/// <summary>
/// Reads the FastAGI environment block (res_agi.c setup_env: "agi_name: value\n" lines, then an empty line) from bytes.
/// I/O-free: a PipeReader loop calls it and advances with the returned consumed/examined positions. The block is
/// small and bounded by <see cref="MaxRequestBytes"/>, so an incomplete block is rescanned from its start on the next
/// read instead of keeping scanner state. Anything malformed is an error that ends the session: the peer is not
/// a well-behaved Asterisk and nothing it sent is acted on.
/// </summary>
public static class AgiRequestReader
{
    /// <summary>Asterisk sends about 25 variables of a few dozen bytes; 16 KiB leaves room for long arguments.</summary>
    public const int MaxRequestBytes = 16 * 1024;

    public const int MaxVariables = 256;

    private const int MaxKeyLength = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static OperationStatus TryRead(
        in ReadOnlySequence<byte> buffer,
        out SequencePosition consumed,
        out SequencePosition examined,
        out AgiRequest? request,
        out string? error)
    {
        consumed = buffer.Start;
        examined = buffer.End;
        request = null;
        error = null;
        var reader = new SequenceReader<byte>(buffer);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
            {
                if (buffer.Length > MaxRequestBytes)
                {
                    error = $"AGI environment larger than {MaxRequestBytes} bytes without its terminating empty line";
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            if (reader.Consumed > MaxRequestBytes)
            {
                error = $"AGI environment larger than {MaxRequestBytes} bytes";
                return OperationStatus.InvalidData;
            }

            var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
            if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            {
                bytes = bytes[..^1];
            }

            if (bytes.IsEmpty)
            {
                if (variables.Count == 0)
                {
                    error = "AGI environment is empty";
                    return OperationStatus.InvalidData;
                }

                request = new AgiRequest(variables, CollectArguments(variables));
                consumed = reader.Position;
                examined = reader.Position;
                return OperationStatus.Done;
            }

            if (!TryParseLine(bytes, out var key, out var value, out error))
            {
                return OperationStatus.InvalidData;
            }

            if (!variables.TryAdd(key, value))
            {
                error = $"AGI variable {key} sent twice";
                return OperationStatus.InvalidData;
            }

            if (variables.Count > MaxVariables)
            {
                error = $"AGI environment has more than {MaxVariables} variables";
                return OperationStatus.InvalidData;
            }
        }
    }

    private static bool TryParseLine(ReadOnlySpan<byte> line, out string key, out string value, out string? error)
    {
        key = string.Empty;
        value = string.Empty;
        error = null;
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || colon > MaxKeyLength)
        {
            error = "AGI environment line is not \"agi_name: value\"";
            return false;
        }

        var keyBytes = line[..colon];
        if (!keyBytes.StartsWith("agi_"u8) || keyBytes.Length == 4)
        {
            error = "AGI variable name does not start with agi_";
            return false;
        }

        foreach (var b in keyBytes)
        {
            if (!(b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'0' and <= (byte)'9' || b == (byte)'_'))
            {
                error = "AGI variable name holds a character other than a-z, 0-9 and _";
                return false;
            }
        }

        var valueBytes = line[(colon + 1)..];
        if (!valueBytes.IsEmpty && valueBytes[0] == (byte)' ')
        {
            valueBytes = valueBytes[1..];
        }

        foreach (var b in valueBytes)
        {
            // Control characters have no business in an AGI value; refusing them keeps them out of logs and commands.
            if (b < 0x20 && b != (byte)'\t' || b == 0x7F)
            {
                error = "AGI value holds a control character";
                return false;
            }
        }

        try
        {
            value = StrictUtf8.GetString(valueBytes);
        }
        catch (DecoderFallbackException)
        {
            error = "AGI value is not valid UTF-8";
            return false;
        }

        key = Encoding.ASCII.GetString(keyBytes);
        return true;
    }

    private static List<string> CollectArguments(Dictionary<string, string> variables)
    {
        var arguments = new List<string>();
        // agi_arg_1…agi_arg_N are numbered without gaps (res_agi.c); stop at the first missing one.
        for (var index = 1; variables.TryGetValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"agi_arg_{index}"), out var argument); index++)
        {
            arguments.Add(argument);
        }

        return arguments;
    }
}
