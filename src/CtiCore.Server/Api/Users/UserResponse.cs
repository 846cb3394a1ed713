using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Users;

public sealed record UserResponse(
    long Id,
    string Login,
    string DisplayName,
    UserRole Role,
    bool IsActive,
    long? DepartmentId,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Endpoints,
    string? Extension)
{
    public static UserResponse From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Login, user.DisplayName, user.Role, user.IsActive, user.DepartmentId, user.Skills, user.Endpoints, user.Extension);
    }
}
