namespace CtiCore.Server.Realtime;

/// <summary>What the server calls on an agent's desktop. Every message carries the agent's sequence number.</summary>
public interface IAgentClient
{
    /// <summary>A call offered to this agent (ringing), or an update of it (answered, ended).</summary>
    Task Pop(ScreenPop pop);

    /// <summary>The agent's own state changed (status, pause reason, today's figures).</summary>
    Task State(AgentDeskState state);
}
