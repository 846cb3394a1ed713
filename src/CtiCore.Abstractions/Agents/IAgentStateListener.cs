namespace CtiCore.Abstractions.Agents;

/// <summary>
/// Told by the agent grain of every change of an agent's status, whatever caused it: a desk action, a PBX event, or
/// one of the grain's own timers (the end of wrap-up, a missed-call pause) that nothing outside the grain sees.
/// Implemented by the host so live views follow; called without waiting, so it must only queue work.
/// </summary>
public interface IAgentStateListener
{
    void AgentChanged(long agentId);
}
