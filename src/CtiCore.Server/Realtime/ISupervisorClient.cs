namespace CtiCore.Server.Realtime;

/// <summary>What the server calls on a supervisor's console; one group per department.</summary>
public interface ISupervisorClient
{
    Task AgentChanged(SupervisorAgentRow row);

    Task CallChanged(SupervisorCallRow row);
}
