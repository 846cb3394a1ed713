using System.Globalization;
using System.Security.Claims;
using CtiCore.Domain.Crm;

namespace CtiCore.Server.Auth;

/// <summary>Maps a <see cref="User"/> to claims and back; the only place that knows the claim layout.</summary>
internal static class CallerPrincipal
{
    public static ClaimsPrincipal Create(User user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Login),
            new(ClaimTypes.Role, user.Role.ToString()),
        };
        if (user.DepartmentId is { } department)
        {
            claims.Add(new Claim(CtiClaimTypes.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The caller of an authenticated request; throws when called on an anonymous endpoint.</summary>
    public static Caller ToCaller(this ClaimsPrincipal principal)
    {
        var id = UserId(principal) ?? throw new InvalidOperationException("The request is not authenticated.");
        var role = Enum.Parse<UserRole>(principal.FindFirstValue(ClaimTypes.Role) ?? nameof(UserRole.Agent));
        long? department = long.TryParse(principal.FindFirstValue(CtiClaimTypes.DepartmentId), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new Caller(id, principal.Identity?.Name ?? string.Empty, role, department);
    }
}
