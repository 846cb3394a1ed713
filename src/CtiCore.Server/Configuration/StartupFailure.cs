using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

/// <summary>
/// Turns a configuration mistake into the one line an operator needs (which setting, what is wrong) instead of a
/// stack trace. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class StartupFailure
{
    public static bool IsConfigurationError(Exception? exception) => exception is not null && TryDescribe(exception, out _);

    public static bool TryDescribe(Exception exception, [NotNullWhen(true)] out string? line)
    {
        line = exception switch
        {
            OptionsValidationException validation => "Configuration error: " + string.Join(" ", validation.Failures),

            // The binder's "Failed to convert configuration value at 'Cti:Auth:CookieHours' to type 'System.Int32'."
            InvalidOperationException { InnerException: FormatException or InvalidCastException or OverflowException or ArgumentException } binding
                when binding.Message.Contains("configuration value", StringComparison.Ordinal) => "Configuration error: " + binding.Message,

            StartupConfigurationException configuration => "Configuration error: " + configuration.Message,
            _ => null,
        };
        if (line is not null)
        {
            line = line.ReplaceLineEndings(" ");
        }

        return line is not null;
    }
}
