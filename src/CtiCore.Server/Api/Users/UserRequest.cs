using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Users;

/// <summary>Create (password required) or update (password ignored; use the password endpoint) a user.</summary>
public sealed record UserRequest(
    string? Login,
    string? DisplayName,
    string? Password,
    UserRole? Role,
    bool? IsActive,
    long? DepartmentId,
    IReadOnlyList<string>? Skills,
    IReadOnlyList<string>? Endpoints,
    string? Extension)
{
    public override string ToString() => $"UserRequest({Login}, {DisplayName}, password ***, {Role})";
}
