using System.Buffers;
using System.Text;
using CtiCore.Asterisk.Protocol.Actions;

namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// Writes an action as AMI bytes. A CR or LF inside a value would end the line early and let the value inject its own
/// header (say "Action: Originate" inside a caller name), so every key and value is checked before a single byte is
/// written, and an action that fails is refused whole.
/// </summary>
public static class AmiActionWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(IBufferWriter<byte> output, AmiAction action, string actionId)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(actionId);
        var fields = action.GetFields();

        CheckKey(action.Name, "action name");
        CheckValue("ActionID", actionId);
        foreach (var (key, value) in fields)
        {
            CheckKey(key, "key");
            CheckValue(key, value);
        }

        WriteLine(output, "Action", action.Name);
        WriteLine(output, "ActionID", actionId);
        foreach (var (key, value) in fields)
        {
            WriteLine(output, key, value);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>The action's bytes as one array (tests, and the rare caller without a pipe).</summary>
    public static byte[] ToBytes(AmiAction action, string actionId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, action, actionId);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLine(IBufferWriter<byte> output, string key, string value)
    {
        var length = key.Length + 2 + Utf8.GetByteCount(value) + 2;
        var span = output.GetSpan(length);
        var written = Encoding.ASCII.GetBytes(key, span);
        span[written++] = (byte)':';
        span[written++] = (byte)' ';
        written += Utf8.GetBytes(value, span[written..]);
        span[written++] = (byte)'\r';
        span[written++] = (byte)'\n';
        output.Advance(written);
    }

    private static void CheckKey(string key, string what)
    {
        if (string.IsNullOrEmpty(key) || key[0] == ' ')
        {
            throw new AmiException(AmiErrorReason.InvalidActionValue, $"AMI {what} is empty");
        }

        foreach (var c in key)
        {
            if (c is < (char)0x21 or > (char)0x7E || c == ':')
            {
                if (c == ' ')
                {
                    continue;
                }

                throw new AmiException(AmiErrorReason.InvalidActionValue,
                    $"AMI {what} \"{Printable(key)}\" holds a character that is not allowed (U+{(int)c:X4})");
            }
        }
    }

    private static void CheckValue(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(value, key);
        var bad = value.AsSpan().IndexOfAny('\r', '\n');
        if (bad >= 0)
        {
            // The value itself is not quoted: it may be a secret or a caller's personal data.
            throw new AmiException(AmiErrorReason.InvalidActionValue,
                $"AMI field \"{Printable(key)}\" holds a {(value[bad] == '\r' ? "CR" : "LF")} at position {bad}: refused (header injection)");
        }

        try
        {
            _ = Utf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new AmiException(AmiErrorReason.InvalidActionValue, $"AMI field \"{Printable(key)}\" is not valid Unicode", e);
        }
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 40));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 40)))
        {
            builder.Append(c is >= ' ' and < (char)0x7F ? c : '?');
        }

        return builder.ToString();
    }
}
