namespace CtiCore.Server.Auth;

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AccessToken(***, expires {ExpiresAt:O})";
}
