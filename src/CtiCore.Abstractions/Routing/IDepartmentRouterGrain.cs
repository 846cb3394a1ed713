using Orleans.Concurrency;
using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Routing;

/// <summary>
/// One per department (key: department id). Holds the department's agent snapshots and its queue of waiting
/// calls and decides with <see cref="RoutingPolicy"/>. It never waits on another grain while deciding: it holds
/// the chosen agent in its own picture and the call grain reserves them on the agent grain (which refuses a
/// second call), so the router's turn is only the decision itself.
/// </summary>
public interface IDepartmentRouterGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The department's routing settings. Interleaves with the router's other turns: every call asks for them before
    /// it is routed, and a read of settings need not wait behind the routing decisions queued ahead of it.
    /// </summary>
    [AlwaysInterleave]
    Task<RoutingSettings> GetSettingsAsync();

    /// <summary>Picks an agent and holds them for the call, or queues the call. Idempotent by call id.</summary>
    Task<RouteResult> RouteAsync(RouteRequest request);

    /// <summary>The call left (ended, answered elsewhere) or declined an offer: drop it from the queue, release its holds.</summary>
    Task CancelAsync(string callId);

    /// <summary>An agent's state changed. One-way, so an agent never waits on the router (no call cycles).</summary>
    [OneWay]
    Task AgentChangedAsync(AgentSnapshot snapshot);

    Task<RouterView> GetViewAsync();

    /// <summary>Re-reads settings, agents and absences from the CRM (after an edit through the REST API).</summary>
    Task RefreshAsync();

    /// <summary>Called by the router's own overflow timer.</summary>
    Task OverflowDueAsync();

    /// <summary>
    /// Called by the router's own cool-down timer: an agent whose phone answered busy
    /// (<see cref="AgentSnapshot.RingCooldownUntil"/>) may be offered calls again.
    /// </summary>
    Task CoolDownDueAsync();
}
