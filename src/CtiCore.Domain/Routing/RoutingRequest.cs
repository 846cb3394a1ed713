namespace CtiCore.Domain.Routing;

/// <summary>Everything <see cref="RoutingPolicy.Decide"/> looks at. Built by the department router from its live state.</summary>
public sealed class RoutingRequest
{
    public required CallerProfile Caller { get; init; }

    /// <summary>The department's agents by id (and outside substitutes the router knows about).</summary>
    public required IReadOnlyDictionary<long, AgentSnapshot> Agents { get; init; }

    /// <summary>
    /// The ids in <see cref="Agents"/> that can take a call now, when the caller keeps such an index: the
    /// least-loaded search then looks only at these instead of the whole department. Null means all of
    /// <see cref="Agents"/> are looked at.
    /// </summary>
    public IReadOnlyCollection<long>? Available { get; init; }

    /// <summary>Absences that cover <see cref="Now"/>, by agent id.</summary>
    public IReadOnlyDictionary<long, AbsencePeriod> Absences { get; init; } = new Dictionary<long, AbsencePeriod>();

    public required RoutingSettings Settings { get; init; }

    /// <summary>Agents already rung for this call: never rung twice (rule f).</summary>
    public IReadOnlySet<long> AlreadyTried { get; init; } = new HashSet<long>();

    public required DateTimeOffset Now { get; init; }

    public long DepartmentId { get; init; }
}
