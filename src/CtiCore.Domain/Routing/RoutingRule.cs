namespace CtiCore.Domain.Routing;

/// <summary>Which rule of the routing policy produced a decision (issue 3, rules a–f).</summary>
public enum RoutingRule
{
    /// <summary>a. The client's responsible manager.</summary>
    ResponsibleManager = 0,

    /// <summary>b. The manager who last answered the client within the relationship window.</summary>
    Relationship = 1,

    /// <summary>c. The configured substitute of an absent personal manager.</summary>
    Substitute = 2,

    /// <summary>d. The least-loaded available agent of the department.</summary>
    LeastLoaded = 3,

    /// <summary>e. Nobody can take the call now: it waits in the department queue.</summary>
    Queue = 4,

    /// <summary>e. The call waited longer than the department allows and left the queue.</summary>
    Overflow = 5,
}
