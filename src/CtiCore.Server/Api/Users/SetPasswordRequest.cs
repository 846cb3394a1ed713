namespace CtiCore.Server.Api.Users;

public sealed record SetPasswordRequest(string? Password)
{
    public override string ToString() => "SetPasswordRequest(***)";
}
