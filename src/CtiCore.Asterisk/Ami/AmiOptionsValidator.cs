using Microsoft.Extensions.Options;

namespace CtiCore.Asterisk.Ami;

/// <summary>Refuses options that cannot work, at start rather than at the first call.</summary>
public sealed class AmiOptionsValidator : IValidateOptions<AmiOptions>
{
    public ValidateOptionsResult Validate(string? name, AmiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Ami:Host is required.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Ami:Port must be 1-65535 (was {options.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add("Ami:Username is required.");
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            // The value is never echoed: only whether it is there.
            failures.Add("Ami:Secret is required.");
        }

        if (ContainsLineBreak(options.Username) || ContainsLineBreak(options.Secret) || ContainsLineBreak(options.EventMask))
        {
            failures.Add("Ami:Username, Ami:Secret and Ami:EventMask must not contain CR or LF.");
        }

        if (string.IsNullOrWhiteSpace(options.EventMask))
        {
            failures.Add("Ami:EventMask is required (\"on\", \"off\" or a class list such as \"call,agent\").");
        }

        Positive(options.ActionTimeout, "ActionTimeout", failures);
        Positive(options.ConnectTimeout, "ConnectTimeout", failures);
        Positive(options.PingInterval, "PingInterval", failures);
        Positive(options.ReconnectMinDelay, "ReconnectMinDelay", failures);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add("Ami:ReconnectMaxDelay must be at least Ami:ReconnectMinDelay.");
        }

        if (options.EventQueueCapacity < 16)
        {
            failures.Add("Ami:EventQueueCapacity must be at least 16.");
        }

        if (options.MaxPacketBytes < 4096)
        {
            failures.Add("Ami:MaxPacketBytes must be at least 4096.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool ContainsLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Ami:{name} must be positive.");
        }
    }
}
