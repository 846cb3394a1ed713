namespace CtiCore.Domain.Routing;

/// <summary>Where an agent stands. Only <see cref="Available"/> agents are offered calls.</summary>
public enum AgentStatus
{
    LoggedOut = 0,
    Available = 1,
    Paused = 2,

    /// <summary>Reserved for one call and ringing.</summary>
    Reserved = 3,
    OnCall = 4,
    WrapUp = 5,
}
