namespace CtiCore.Domain.Telephony;

/// <summary>What <see cref="CallTimeline.Apply"/> did with an event.</summary>
public enum EventDisposition
{
    /// <summary>The event moved the call on.</summary>
    Applied = 0,

    /// <summary>A late <see cref="CallOffered"/> after the call had already moved on: its data filled gaps, the stage stayed.</summary>
    Merged = 1,

    /// <summary>The same event id was seen before; ignored.</summary>
    Duplicate = 2,

    /// <summary>Older than what the call already knows (Ringing after Answered, a second Answered, an older Hold); ignored.</summary>
    Stale = 3,

    /// <summary>Arrived after <see cref="CallEnded"/>; ignored.</summary>
    AfterEnd = 4,
}
