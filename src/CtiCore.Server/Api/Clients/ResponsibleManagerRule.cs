using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Clients;

/// <summary>
/// Who may be made a client's responsible manager: an agent only themselves (so they keep seeing the client),
/// a supervisor themselves or an agent of their department, an admin any active user. Default: the caller.
/// </summary>
internal static class ResponsibleManagerRule
{
    public static async Task<long?> ResolveAsync(Caller caller, long? requested, CrmDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (requested is null || requested == caller.Id)
        {
            return caller.Id;
        }

        if (caller.Role == UserRole.Agent)
        {
            errors.Add("responsibleManagerId", "an agent can only make themselves responsible.");
            return null;
        }

        var manager = await db.Users.AsNoTracking()
            .Where(u => u.Id == requested && u.IsActive)
            .Select(u => new { u.DepartmentId })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (manager is null)
        {
            errors.Add("responsibleManagerId", $"user {requested} does not exist or is inactive.");
            return null;
        }

        if (caller.Role == UserRole.Supervisor && (caller.DepartmentId is null || manager.DepartmentId != caller.DepartmentId))
        {
            errors.Add("responsibleManagerId", "must be in your department.");
            return null;
        }

        return requested;
    }
}
