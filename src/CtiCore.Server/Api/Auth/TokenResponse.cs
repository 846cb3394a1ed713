namespace CtiCore.Server.Api.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"TokenResponse(***, {TokenType}, {ExpiresAt:O})";
}
