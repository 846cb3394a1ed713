using Orleans.Concurrency;
using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Routing;

/// <summary>
/// One per department (key: department id). Holds the department's agent snapshots and its queue of waiting
/// calls, decides with <see cref="RoutingPolicy"/> and reserves the chosen agent. Not reentrant: a decision
/// and its reservation happen in one turn, so two calls can never be given the same agent.
/// </summary>
public interface IDepartmentRouterGrain : IGrainWithIntegerKey
{
    Task<RoutingSettings> GetSettingsAsync();

    /// <summary>Picks and reserves an agent, or queues the call. Idempotent by call id for a queued call.</summary>
    Task<RouteResult> RouteAsync(RouteRequest request);

    /// <summary>The call left (ended, answered elsewhere): drop it from the queue.</summary>
    Task CancelAsync(string callId);

    /// <summary>An agent's state changed. One-way, so an agent never waits on the router (no call cycles).</summary>
    [OneWay]
    Task AgentChangedAsync(AgentSnapshot snapshot);

    Task<RouterView> GetViewAsync();

    /// <summary>Re-reads settings, agents and absences from the CRM (after an edit through the REST API).</summary>
    Task RefreshAsync();

    /// <summary>Called by the router's own overflow timer.</summary>
    Task OverflowDueAsync();
}
