using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class AdminBootstrapOptionsValidator : IValidateOptions<AdminBootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminBootstrapOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.User) || options.User.Length > 100)
        {
            return ValidateOptionsResult.Fail($"{AdminBootstrapOptions.SectionName}:User ({AdminBootstrapOptions.UserVariable}): must be 1..100 characters.");
        }

        if (!string.IsNullOrEmpty(options.Password) && options.Password.Length < AdminBootstrapOptions.MinimumPasswordLength)
        {
            return ValidateOptionsResult.Fail(
                $"{AdminBootstrapOptions.SectionName}:Password ({AdminBootstrapOptions.PasswordVariable}): must be at least {AdminBootstrapOptions.MinimumPasswordLength} characters.");
        }

        return ValidateOptionsResult.Success;
    }
}
