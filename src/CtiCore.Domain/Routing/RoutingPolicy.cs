using CtiCore.Domain.Crm;

namespace CtiCore.Domain.Routing;

/// <summary>
/// Decides where one call goes: pure, deterministic and self-explaining. Rules, in order (issue 3):
/// a. the client's responsible manager if available;
/// b. else the manager who last answered the client within the relationship window, if available;
/// c. a personal manager (a or b) who is absent is replaced by their substitute, one hop, if available;
/// d. else the least-loaded available agent by the department's metric, ties broken deterministically;
/// e. else the queue (<see cref="CallQueue"/> orders it; the router applies overflow);
/// f. agents already rung for this call are never chosen again.
/// g. every decision carries a reason such as "responsible manager Ivanova busy → longest idle: Petrov".
/// </summary>
public static class RoutingPolicy
{
    private const string Arrow = " → ";

    public static RoutingDecision Decide(RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<string>(4);
        var caller = request.Caller;

        if (caller.ResponsibleManagerId is { } responsible
            && TryPersonalManager(request, responsible, "responsible manager", RoutingRule.ResponsibleManager, notes) is { } toResponsible)
        {
            return toResponsible;
        }

        if (caller.LastAnsweredAgentId is { } last
            && last != caller.ResponsibleManagerId
            && caller.LastAnsweredAt is { } lastAt
            && lastAt >= request.Now.AddDays(-request.Settings.RelationshipWindowDays)
            && TryPersonalManager(request, last, "relationship manager", RoutingRule.Relationship, notes) is { } toRelationship)
        {
            return toRelationship;
        }

        if (notes.Count == 0)
        {
            notes.Add(caller.CreatedNow ? "new caller" : caller.ClientId is null ? "unknown caller" : "no personal manager");
        }

        if (FindLeastLoaded(request) is { } best)
        {
            notes.Add($"{MetricLabel(request.Settings.LoadMetric)}: {best.DisplayName}");
            return ToAgent(request, RoutingRule.LeastLoaded, best, notes);
        }

        var anyAvailable = Candidates(request).Any(a => a.CanTakeCall && !IsAbsent(request, a.AgentId));
        notes.Add(anyAvailable ? "every available agent already rung → queue" : "nobody available → queue");
        return new RoutingDecision
        {
            Outcome = RoutingOutcome.Queue,
            Rule = RoutingRule.Queue,
            Reason = string.Join(Arrow, notes),
            DecidedAt = request.Now,
            DepartmentId = request.DepartmentId,
        };
    }

    /// <summary>The decision for a call that waited too long in the queue (rule e).</summary>
    public static RoutingDecision Overflow(RoutingSettings settings, long departmentId, TimeSpan waited, DateTimeOffset now, string? targetDepartmentName = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = settings.OverflowAction switch
        {
            OverflowAction.Department when settings.OverflowDepartmentId is { } id => $"department {targetDepartmentName ?? "#" + id}",
            OverflowAction.CallbackRequest => "callback request",
            _ => "voicemail",
        };
        var action = settings.OverflowAction == OverflowAction.Department && settings.OverflowDepartmentId is null
            ? OverflowAction.Voicemail
            : settings.OverflowAction;
        return new RoutingDecision
        {
            Outcome = RoutingOutcome.Overflow,
            Rule = RoutingRule.Overflow,
            Reason = $"waited {(int)waited.TotalSeconds} s in queue{Arrow}overflow: {target}",
            DecidedAt = now,
            DepartmentId = departmentId,
            OverflowAction = action,
            OverflowDepartmentId = action == OverflowAction.Department ? settings.OverflowDepartmentId : null,
        };
    }

    public static string MetricLabel(LoadMetric metric) => metric switch
    {
        LoadMetric.FewestCallsToday => "fewest calls today",
        LoadMetric.LeastTalkTimeToday => "least talk time today",
        _ => "longest idle",
    };

    private static RoutingDecision? TryPersonalManager(
        RoutingRequest request, long agentId, string role, RoutingRule rule, List<string> notes)
    {
        var name = NameOf(request, agentId);
        if (request.Absences.TryGetValue(agentId, out var absence) && absence.Covers(request.Now))
        {
            if (absence.SubstituteAgentId is not { } substituteId)
            {
                notes.Add($"{role} {name} absent, no substitute");
                return null;
            }

            var substituteName = NameOf(request, substituteId);
            if (IsEligible(request, substituteId, out var substitute))
            {
                notes.Add($"{role} {name} absent{Arrow}substitute: {substituteName}");
                return ToAgent(request, RoutingRule.Substitute, substitute, notes);
            }

            notes.Add($"{role} {name} absent, substitute {substituteName} {WhyNot(request, substituteId)}");
            return null;
        }

        if (IsEligible(request, agentId, out var agent))
        {
            notes.Add($"{role}: {name}");
            return ToAgent(request, rule, agent, notes);
        }

        notes.Add($"{role} {name} {WhyNot(request, agentId)}");
        return null;
    }

    private static bool IsEligible(RoutingRequest request, long agentId, out AgentSnapshot agent)
    {
        agent = null!;
        if (!request.Agents.TryGetValue(agentId, out var found) || found is null)
        {
            return false;
        }

        agent = found;
        return found.CanTakeCall && !request.AlreadyTried.Contains(agentId) && !IsAbsent(request, agentId);
    }

    private static string WhyNot(RoutingRequest request, long agentId)
    {
        if (request.AlreadyTried.Contains(agentId))
        {
            return "did not answer";
        }

        if (!request.Agents.TryGetValue(agentId, out var agent))
        {
            return "not in this department";
        }

        if (IsAbsent(request, agentId))
        {
            return "absent";
        }

        return agent.Status switch
        {
            AgentStatus.LoggedOut => "logged out",
            AgentStatus.Paused => "paused",
            AgentStatus.WrapUp => "in wrap-up",
            AgentStatus.Reserved or AgentStatus.OnCall => "busy",
            _ when !agent.DeviceReachable => "phone unreachable",
            _ => "unavailable",
        };
    }

    private static AgentSnapshot? FindLeastLoaded(RoutingRequest request)
    {
        AgentSnapshot? best = null;
        foreach (var agent in Candidates(request))
        {
            if (!agent.CanTakeCall || request.AlreadyTried.Contains(agent.AgentId) || IsAbsent(request, agent.AgentId))
            {
                continue;
            }

            if (best is null || Compare(request.Settings.LoadMetric, agent, best) < 0)
            {
                best = agent;
            }
        }

        return best;
    }

    /// <summary>Negative when <paramref name="x"/> is less loaded. Every metric ends on the agent id, so the
    /// order is total and the same agents always produce the same choice.</summary>
    private static int Compare(LoadMetric metric, AgentSnapshot x, AgentSnapshot y)
    {
        var idle = (x.LastCallEndedAt ?? DateTimeOffset.MinValue).CompareTo(y.LastCallEndedAt ?? DateTimeOffset.MinValue);
        var calls = x.CallsToday.CompareTo(y.CallsToday);
        var talk = x.TalkSecondsToday.CompareTo(y.TalkSecondsToday);
        var result = metric switch
        {
            LoadMetric.FewestCallsToday => First(calls, idle),
            LoadMetric.LeastTalkTimeToday => First(talk, calls, idle),
            _ => First(idle, calls),
        };
        return result != 0 ? result : x.AgentId.CompareTo(y.AgentId);
    }

    private static int First(params ReadOnlySpan<int> comparisons)
    {
        foreach (var c in comparisons)
        {
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>The agents worth looking at for rule d: the caller's availability index, or everyone.</summary>
    private static IEnumerable<AgentSnapshot> Candidates(RoutingRequest request) =>
        request.Available is { } available
            ? available.Select(id => request.Agents.TryGetValue(id, out var agent) ? agent : null).OfType<AgentSnapshot>()
            : request.Agents.Values;

    private static bool IsAbsent(RoutingRequest request, long agentId) =>
        request.Absences.TryGetValue(agentId, out var absence) && absence.Covers(request.Now);

    private static string NameOf(RoutingRequest request, long agentId) =>
        request.Agents.TryGetValue(agentId, out var agent) && !string.IsNullOrEmpty(agent.DisplayName)
            ? agent.DisplayName
            : $"#{agentId}";

    private static RoutingDecision ToAgent(RoutingRequest request, RoutingRule rule, AgentSnapshot agent, List<string> notes) => new()
    {
        Outcome = RoutingOutcome.Agent,
        Rule = rule,
        AgentId = agent.AgentId,
        AgentName = agent.DisplayName,
        Reason = string.Join(Arrow, notes),
        DecidedAt = request.Now,
        DepartmentId = request.DepartmentId,
    };
}
