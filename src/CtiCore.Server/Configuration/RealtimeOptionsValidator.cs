using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class RealtimeOptionsValidator : IValidateOptions<RealtimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeOptions options)
    {
        if (options.InvocationsPerSecond is < 1 or > 1000)
        {
            return ValidateOptionsResult.Fail($"{RealtimeOptions.SectionName}:InvocationsPerSecond must be 1..1000 (got {options.InvocationsPerSecond}).");
        }

        return options.PushConcurrency is < 1 or > 1024
            ? ValidateOptionsResult.Fail($"{RealtimeOptions.SectionName}:PushConcurrency must be 1..1024 (got {options.PushConcurrency}).")
            : ValidateOptionsResult.Success;
    }
}
