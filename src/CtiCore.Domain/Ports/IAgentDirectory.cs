using CtiCore.Domain.Routing;

namespace CtiCore.Domain.Ports;

/// <summary>Departments, their agents, absences and settings, as stored in the CRM.</summary>
public interface IAgentDirectory
{
    Task<DepartmentProfile?> GetDepartmentAsync(long departmentId, CancellationToken cancellationToken);

    /// <summary>The department whose numbers include the dialled number (E.164), or null.</summary>
    Task<long?> FindDepartmentByNumberAsync(string dialledE164, CancellationToken cancellationToken);

    /// <summary>The department that takes calls no number matches: the one with the lowest id, or null if none exists.</summary>
    Task<long?> GetDefaultDepartmentIdAsync(CancellationToken cancellationToken);

    /// <summary>Active agents whose department is <paramref name="departmentId"/>.</summary>
    Task<IReadOnlyList<AgentProfile>> GetDepartmentAgentsAsync(long departmentId, CancellationToken cancellationToken);

    Task<AgentProfile?> GetAgentAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>The agent one of whose endpoints (or whose extension) is <paramref name="endpoint"/>.</summary>
    Task<long?> FindAgentByEndpointAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>Absences of the department's agents that overlap [<paramref name="periodStart"/>, <paramref name="periodEnd"/>).</summary>
    Task<IReadOnlyList<AbsencePeriod>> GetAbsencesAsync(long departmentId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken);
}
