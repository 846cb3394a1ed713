using Orleans.Concurrency;
using CtiCore.Abstractions.Routing;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Calls;

/// <summary>
/// One call (key: the call id the adapter chose, e.g. the Asterisk Linkedid). Follows the call from its events,
/// asks its department's router where it goes, rings agents in turn, and on the end writes exactly one Interaction.
/// </summary>
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Applies a telephony event under the rules of docs/telephony-events.md.</summary>
    Task<EventDisposition> HandleAsync(CallEvent callEvent);

    Task<CallView> GetViewAsync();

    /// <summary>The router offers a free agent to this queued call; the call reserves them. One-way: the router never waits on a call.</summary>
    [OneWay]
    Task AgentAssignedAsync(RouteResult result);

    /// <summary>The call waited too long in the queue. One-way for the same reason.</summary>
    [OneWay]
    Task OverflowAsync(RoutingDecision decision);

    /// <summary>Called by the call's own ring timer.</summary>
    Task RingTimeoutAsync(long agentId, int attempt);

    /// <summary>Called by the grain itself when it was reactivated between an offer and its first decision.</summary>
    Task ResumeRoutingAsync();

    /// <summary>Called by the call's own retry timer while the journal could not be written.</summary>
    Task RetryJournalAsync();

    /// <summary>Click-to-call: rings the agent, then dials <paramref name="number"/>.</summary>
    Task<CallView> StartOutboundAsync(long agentId, string number);
}
