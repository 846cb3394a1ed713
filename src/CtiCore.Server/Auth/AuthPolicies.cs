using CtiCore.Domain.Crm;

namespace CtiCore.Server.Auth;

internal static class AuthPolicies
{
    public const string Admin = nameof(UserRole.Admin);
    public const string SupervisorOrAdmin = "SupervisorOrAdmin";
}
