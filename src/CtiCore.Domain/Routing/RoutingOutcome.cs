namespace CtiCore.Domain.Routing;

public enum RoutingOutcome
{
    /// <summary>Ring <see cref="RoutingDecision.AgentId"/>.</summary>
    Agent = 0,

    /// <summary>Wait in the department queue.</summary>
    Queue = 1,

    /// <summary>Leave the department: another department, voicemail or a callback request.</summary>
    Overflow = 2,
}
