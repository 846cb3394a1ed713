using Microsoft.Extensions.Options;

namespace CtiCore.Server.Webhooks;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        var section = WebhookOptions.SectionName;
        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"{section}:QueueCapacity must be 1..1000000 (got {options.QueueCapacity}).");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            errors.Add($"{section}:MaxAttempts must be 1..50 (got {options.MaxAttempts}).");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            errors.Add($"{section}:Concurrency must be 1..64 (got {options.Concurrency}).");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add($"{section}:InitialBackoff must be positive and at most MaxBackoff.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout and PollInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
