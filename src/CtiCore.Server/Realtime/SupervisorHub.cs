using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Routing;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Grains.Timing;
using CtiCore.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The supervisor console's hub (/hubs/supervisor). A connection joins one group per department it may see
/// (a supervisor: their own; an admin: all), and may act only on agents of those departments.
/// </summary>
[Authorize(Policy = AuthPolicies.SupervisorOrAdmin)]
internal sealed class SupervisorHub(
    IGrainFactory grains,
    AgentDesk desk,
    RealtimeBridge bridge,
    IDbContextFactory<CrmDbContext> contexts,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time) : Hub<ISupervisorClient>
{
    /// <summary>Service level target: answered within this many seconds (80/20).</summary>
    private const int ServiceLevelSeconds = 20;

    public override async Task OnConnectedAsync()
    {
        foreach (var department in await DepartmentsAsync())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeBridge.DepartmentGroup(department));
        }

        await base.OnConnectedAsync();
    }

    public async Task<IReadOnlyList<SupervisorAgentRow>> GetAgents()
    {
        var departments = await DepartmentsAsync();
        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        var ids = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.DepartmentId != null && departments.Contains(u.DepartmentId.Value))
            .OrderBy(u => u.DisplayName)
            .Select(u => u.Id)
            .ToListAsync(Context.ConnectionAborted);
        var rows = new List<SupervisorAgentRow>(ids.Count);
        foreach (var id in ids)
        {
            var (state, view) = await bridge.StateOfAsync(id, desk.CurrentSequence(id));
            rows.Add(RealtimeBridge.RowOf(state, view));
        }

        return rows;
    }

    /// <summary>Queue and today's figures per visible department: waiting calls, longest wait, service level, abandoned, calls per hour.</summary>
    public async Task<IReadOnlyList<DepartmentStats>> GetStats()
    {
        var departments = await DepartmentsAsync();
        var now = time.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        var names = await db.Departments.AsNoTracking().Where(d => departments.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, Context.ConnectionAborted);

        // Filtered by date on the client side of the query: SQLite cannot compare DateTimeOffset columns.
        var calls = (await db.Interactions.AsNoTracking()
            .Where(i => i.DepartmentId != null && departments.Contains(i.DepartmentId.Value) && i.Direction == CallDirection.Inbound)
            .Select(i => new { i.DepartmentId, i.OfferedAt, i.Outcome, i.WaitSeconds })
            .ToListAsync(Context.ConnectionAborted))
            .Where(i => i.OfferedAt >= dayStart)
            .ToList();

        var result = new List<DepartmentStats>();
        foreach (var department in departments)
        {
            var router = await grains.GetGrain<IDepartmentRouterGrain>(department).GetViewAsync();
            var mine = calls.Where(c => c.DepartmentId == department).ToList();
            var answered = mine.Count(c => c.Outcome == CallOutcome.Answered);
            var abandoned = mine.Count(c => c.Outcome == CallOutcome.Abandoned);
            var withinTarget = mine.Count(c => c.Outcome == CallOutcome.Answered && c.WaitSeconds <= ServiceLevelSeconds);
            var perHour = Enumerable.Range(0, 24)
                .Select(h => new HourFigures(
                    h,
                    mine.Count(c => c.OfferedAt.UtcDateTime.Hour == h && c.Outcome == CallOutcome.Answered),
                    mine.Count(c => c.OfferedAt.UtcDateTime.Hour == h && c.Outcome == CallOutcome.Abandoned)))
                .ToList();
            result.Add(new DepartmentStats(
                department,
                names.GetValueOrDefault(department, router.Name),
                router.Queue.Count,
                router.Queue.Count == 0 ? 0 : (int)(now - router.Queue.Min(q => q.QueuedSince)).TotalSeconds,
                mine.Count == 0 ? null : Math.Round(100.0 * withinTarget / mine.Count, 1),
                answered,
                abandoned,
                perHour));
        }

        return result;
    }

    public async Task ForcePause(long agentId, string reason)
    {
        await InScopeAsync(agentId);
        var text = string.IsNullOrWhiteSpace(reason) ? "supervisor" : reason.Trim();
        await Guard(() => grains.GetGrain<IAgentGrain>(agentId).PauseAsync(text.Length > 100 ? text[..100] : text));
        bridge.AgentChanged(agentId);
    }

    public async Task ForceLogOut(long agentId)
    {
        await InScopeAsync(agentId);
        await Guard(() => grains.GetGrain<IAgentGrain>(agentId).LogOutAsync());
        bridge.AgentChanged(agentId);
    }

    private async Task InScopeAsync(long agentId)
    {
        var departments = await DepartmentsAsync();
        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        var department = await db.Users.AsNoTracking().Where(u => u.Id == agentId).Select(u => u.DepartmentId).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (department is null || !departments.Contains(department.Value))
        {
            throw new HubException("That agent is not in your departments.");
        }
    }

    private async Task<List<long>> DepartmentsAsync()
    {
        var caller = Context.User!.ToCaller();
        if (caller.Role == UserRole.Admin)
        {
            await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
            return await db.Departments.AsNoTracking().Select(d => d.Id).ToListAsync(Context.ConnectionAborted);
        }

        return caller.DepartmentId is { } own ? [own] : [];
    }

    private static async Task Guard(Func<Task<AgentView>> action)
    {
        try
        {
            await action();
        }
        catch (InvalidOperationException ex)
        {
            throw new HubException(ex.Message);
        }
    }
}
