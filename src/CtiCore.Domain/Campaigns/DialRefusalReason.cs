namespace CtiCore.Domain.Campaigns;

/// <summary>Why <see cref="DialEligibility"/> refused a dial attempt.</summary>
public enum DialRefusalReason
{
    None = 0,

    /// <summary>The entry is completed, exhausted or marked do-not-call.</summary>
    EntryClosed = 1,

    /// <summary>A call to this entry is already in progress.</summary>
    AlreadyDialing = 2,

    /// <summary>The number is on the global or the campaign's do-not-call list.</summary>
    DoNotCall = 3,

    AttemptsExhausted = 4,

    /// <summary>A call to the number was abandoned less than 72 hours ago.</summary>
    AbandonedRecently = 5,

    /// <summary>The retry delay or the requested callback time has not come yet.</summary>
    RetryNotDue = 6,

    /// <summary>Neither the client nor the number tells the callee's time zone.</summary>
    UnknownTimeZone = 7,

    /// <summary>It is outside the campaign's calling windows in the callee's local time.</summary>
    OutsideCallingWindow = 8,
}
