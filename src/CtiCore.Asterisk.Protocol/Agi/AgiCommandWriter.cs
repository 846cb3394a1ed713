using System.Text;

namespace CtiCore.Asterisk.Protocol.Agi;

/// <summary>
/// Writes AGI commands. Values are quoted and their quotes and backslashes escaped (res_agi.c parse_args honours
/// backslash escapes inside quotes); CR, LF and other control characters are refused so that no value can start a
/// second command.
/// </summary>
public static class AgiCommandWriter
{
    /// <summary>SET VARIABLE name "value": sets a channel variable the dialplan reads after AGI() returns.</summary>
    public static byte[] SetVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException("An AGI variable name holds only letters, digits and _.", nameof(name));
            }
        }

        var builder = new StringBuilder("SET VARIABLE ").Append(name).Append(" \"");
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("An AGI value must not hold control characters (CR/LF would inject a command).", nameof(value));
            }

            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return Encoding.UTF8.GetBytes(builder.Append("\"\n").ToString());
    }
}
