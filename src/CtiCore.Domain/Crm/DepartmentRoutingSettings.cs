namespace CtiCore.Domain.Crm;

/// <summary>How a department routes its calls. Defaults are what a sales team would expect out of the box.</summary>
public sealed class DepartmentRoutingSettings
{
    /// <summary>How "least loaded" is measured when no personal manager takes the call.</summary>
    public LoadMetric LoadMetric { get; set; } = LoadMetric.LongestIdle;

    /// <summary>Relationship routing looks back this many days for the last manager who answered the client.</summary>
    public int RelationshipWindowDays { get; set; } = 90;

    /// <summary>Seconds an agent's phone rings before the call moves to the next candidate.</summary>
    public int RingTimeoutSeconds { get; set; } = 20;

    /// <summary>Seconds of wrap-up after a call before the agent is available again.</summary>
    public int WrapUpSeconds { get; set; } = 30;

    /// <summary>Reason shown when an agent is auto-paused after not answering.</summary>
    public string RingNoAnswerPauseReason { get; set; } = "Missed call";

    /// <summary>Reason shown when an agent is auto-paused after rejecting a call on the phone (SIP 603).</summary>
    public string DeclinedPauseReason { get; set; } = "Declined call";

    /// <summary>Reason shown when an agent is auto-paused because their phone could not be reached (offline, 480, 5xx).</summary>
    public string UnreachablePauseReason { get; set; } = "Phone unreachable";

    /// <summary>Seconds the router offers no call to an agent whose phone answered busy (not paused: it is busy elsewhere).</summary>
    public int BusyCooldownSeconds { get; set; } = 30;

    /// <summary>Longest time a call waits in the queue before it overflows.</summary>
    public int MaxQueueWaitSeconds { get; set; } = 120;

    public OverflowAction OverflowAction { get; set; } = OverflowAction.Voicemail;

    /// <summary>Target department when <see cref="OverflowAction"/> is <see cref="OverflowAction.Department"/>.</summary>
    public long? OverflowDepartmentId { get; set; }

    /// <summary>Whether an unknown caller gets a new client card.</summary>
    public bool CreateClientForUnknownCaller { get; set; } = true;

    /// <summary>A missed or abandoned call from a known client creates a call-back task due in this many minutes; 0 turns it off.</summary>
    public int MissedCallTaskDueMinutes { get; set; } = 15;
}
