using CtiCore.Data;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;

namespace CtiCore.Server.Auth;

/// <summary>
/// Who sees what — the one place the rule lives; every client and interaction query goes through it.
/// <list type="bullet">
/// <item>Admin: everything.</item>
/// <item>Supervisor: clients whose responsible manager is in their department or who talked to one of its agents;
/// interactions handled by their department's agents or offered to their department. Plus their own, as an agent.</item>
/// <item>Agent: clients they are responsible for or had an interaction with; their own interactions.</item>
/// </list>
/// An agent's own interactions are those they finished and those they handled and then transferred on (a
/// <see cref="CallTransfer"/> from them); a supervisor's department covers its agents' transfers the same way.
/// Something not visible answers 404, so its existence does not leak.
/// </summary>
internal static class CrmVisibility
{
    public static IQueryable<Client> VisibleTo(this IQueryable<Client> clients, Caller caller, CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(db);
        var self = caller.Id;
        var department = caller.DepartmentId;
        return caller.Role switch
        {
            UserRole.Admin => clients,
            UserRole.Supervisor when department is not null => clients.Where(c =>
                c.ResponsibleManagerId == self
                || (c.ResponsibleManager != null && c.ResponsibleManager.DepartmentId == department)
                || db.Interactions.Any(i => i.ClientId == c.Id && (i.AgentId == self || (i.Agent != null && i.Agent.DepartmentId == department)))
                || db.Interactions.Any(i => i.ClientId == c.Id && db.CallTransfers.Any(t => t.CallKey == i.CallKey
                    && (t.FromAgentId == self || (t.FromAgent != null && t.FromAgent.DepartmentId == department))))),
            _ => clients.Where(c =>
                c.ResponsibleManagerId == self
                || db.Interactions.Any(i => i.ClientId == c.Id && i.AgentId == self)
                || db.Interactions.Any(i => i.ClientId == c.Id && db.CallTransfers.Any(t => t.CallKey == i.CallKey && t.FromAgentId == self))),
        };
    }

    public static IQueryable<Interaction> VisibleTo(this IQueryable<Interaction> interactions, Caller caller, CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(db);
        var self = caller.Id;
        var department = caller.DepartmentId;
        return caller.Role switch
        {
            UserRole.Admin => interactions,
            UserRole.Supervisor when department is not null => interactions.Where(i =>
                i.AgentId == self
                || (i.Agent != null && i.Agent.DepartmentId == department)
                || i.DepartmentId == department
                || db.CallTransfers.Any(t => t.CallKey == i.CallKey
                    && (t.FromAgentId == self || (t.FromAgent != null && t.FromAgent.DepartmentId == department)))),
            _ => interactions.Where(i => i.AgentId == self || db.CallTransfers.Any(t => t.CallKey == i.CallKey && t.FromAgentId == self)),
        };
    }

    /// <summary>Campaigns: an admin sees all, a supervisor those of their department, anyone else none.</summary>
    public static IQueryable<Campaign> VisibleTo(this IQueryable<Campaign> campaigns, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var department = caller.DepartmentId;
        return caller.Role switch
        {
            UserRole.Admin => campaigns,
            UserRole.Supervisor when department is not null => campaigns.Where(c => c.DepartmentId == department),
            _ => campaigns.Where(c => false),
        };
    }
}
