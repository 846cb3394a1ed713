namespace CtiCore.Server.Api.Auth;

public sealed record LoginRequest(string? Login, string? Password)
{
    public override string ToString() => $"LoginRequest({Login}, ***)";
}
