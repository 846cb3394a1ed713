namespace CtiCore.Server.Auth;

internal static class CtiClaimTypes
{
    public const string DepartmentId = "cti:department";
}
