namespace CtiCore.Domain.Telephony;

/// <summary>
/// What an agent's phone said when it did not take an offered call, in contact-center terms: each one asks for a
/// different consequence for the agent (docs/telephony-events.md, "Ring failures").
/// </summary>
public enum RingFailureReason
{
    /// <summary>Not said (an older event): <see cref="CallRingFailed.ReasonOrFromCause"/> derives it from the cause.</summary>
    Unknown = 0,

    /// <summary>It rang out: nobody answered in time. The agent is paused as a missed call.</summary>
    NoAnswer = 1,

    /// <summary>The phone is busy with something else (SIP 486, 600; DIALSTATUS BUSY): a short routing cool-down, no pause.</summary>
    Busy = 2,

    /// <summary>The agent rejected the call on the phone (SIP 603): paused with the "declined" reason.</summary>
    Declined = 3,

    /// <summary>The phone cannot be reached (SIP 404, 408 without a response, 480, 5xx, a transport error; CHANUNAVAIL, CONGESTION).</summary>
    Unreachable = 4,
}
