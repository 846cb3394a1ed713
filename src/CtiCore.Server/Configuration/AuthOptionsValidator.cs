using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var section = AuthOptions.SectionName;
        if (!string.IsNullOrEmpty(options.SigningKey) && DecodedLength(options.SigningKey) < MinimumKeyBytes)
        {
            // The value itself is a secret: name the setting, never echo it.
            return ValidateOptionsResult.Fail($"{section}:SigningKey: must be base64 of at least {MinimumKeyBytes} bytes.");
        }

        if (options.AccessTokenMinutes is < 1 or > 1440)
        {
            return ValidateOptionsResult.Fail($"{section}:AccessTokenMinutes: '{options.AccessTokenMinutes}' must be between 1 and 1440.");
        }

        if (options.CookieHours is < 1 or > 720)
        {
            return ValidateOptionsResult.Fail($"{section}:CookieHours: '{options.CookieHours}' must be between 1 and 720.");
        }

        if (options.LoginAttemptsPerMinute is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail($"{section}:LoginAttemptsPerMinute: '{options.LoginAttemptsPerMinute}' must be between 1 and 100000.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            return ValidateOptionsResult.Fail($"{section}:Issuer and {section}:Audience must not be empty.");
        }

        return ValidateOptionsResult.Success;
    }

    private static int DecodedLength(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : 0;
    }
}
