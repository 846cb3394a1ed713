namespace CtiCore.Server.Api.Auth;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => "ChangePasswordRequest(***)";
}
