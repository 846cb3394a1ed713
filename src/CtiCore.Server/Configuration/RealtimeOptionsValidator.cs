using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class RealtimeOptionsValidator : IValidateOptions<RealtimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeOptions options) =>
        options.InvocationsPerSecond is < 1 or > 1000
            ? ValidateOptionsResult.Fail($"{RealtimeOptions.SectionName}:InvocationsPerSecond must be 1..1000 (got {options.InvocationsPerSecond}).")
            : ValidateOptionsResult.Success;
}
