using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>Departments, agents and absences from the CRM database.</summary>
public sealed class EfAgentDirectory(IDbContextFactory<CrmDbContext> contexts) : IAgentDirectory
{
    public async Task<DepartmentProfile?> GetDepartmentAsync(long departmentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        return department is null
            ? null
            : new DepartmentProfile { DepartmentId = department.Id, Name = department.Name, Settings = RoutingSettings.From(department.Routing) };
    }

    public async Task<long?> FindDepartmentByNumberAsync(string dialledE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialledE164);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A handful of departments: matching in memory works the same on every provider.
        var departments = await db.Departments.AsNoTracking()
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Numbers })
            .ToListAsync(cancellationToken);
        return departments.FirstOrDefault(d => d.Numbers.Contains(dialledE164, StringComparer.Ordinal))?.Id;
    }

    public async Task<long?> GetDefaultDepartmentIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AgentProfile>> GetDepartmentAgentsAsync(long departmentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DepartmentId == departmentId && u.IsActive)
            .OrderBy(u => u.Id)
            .ToListAsync(cancellationToken);
        return users.Select(ToProfile).ToList();
    }

    public async Task<AgentProfile?> GetAgentAsync(long agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == agentId, cancellationToken);
        return user is null ? null : ToProfile(user);
    }

    public async Task<long?> FindAgentByEndpointAsync(string endpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.Extension == endpoint || u.Endpoints.Contains(endpoint)))
            .OrderBy(u => u.Id)
            .Select(u => (long?)u.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AbsencePeriod>> GetAbsencesAsync(long departmentId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Absences.AsNoTracking()
            .Where(a => a.User!.DepartmentId == departmentId && a.From < periodEnd && a.To > periodStart)
            .OrderBy(a => a.UserId).ThenBy(a => a.From)
            .Select(a => new AbsencePeriod { AgentId = a.UserId, From = a.From, To = a.To, SubstituteAgentId = a.SubstituteUserId })
            .ToListAsync(cancellationToken);
    }

    private static AgentProfile ToProfile(User user) => new()
    {
        AgentId = user.Id,
        DisplayName = user.DisplayName,
        DepartmentId = user.DepartmentId,
        Endpoints = [.. user.Endpoints],
        IsActive = user.IsActive,
    };
}
