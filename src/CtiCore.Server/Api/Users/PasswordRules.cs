using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Users;

internal static class PasswordRules
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    public static void Check(string field, string? password, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "is required.");
        }
        else if (password.Length is < MinimumLength or > MaximumLength)
        {
            errors.Add(field, $"must be {MinimumLength}..{MaximumLength} characters.");
        }
    }
}
