using System.Globalization;
using CtiCore.Domain.Telephony;
using CtiCore.Sip.B2bua;

namespace CtiCore.Telephony.Sip;

/// <summary>
/// How a click-to-call's end on the built-in PBX reads in CtiCore's terms, as for Asterisk's originate: a call the
/// agent's phone never took is a failed originate (the client was never called, so it is not "busy" or "missed"),
/// anything later ends the call with the cause of the leg that ended it.
/// </summary>
public static class SipOriginateOutcome
{
    /// <summary>True when the end is reported as a failed <see cref="OriginateResult"/> rather than a <see cref="CallEnded"/>.</summary>
    public static bool IsFailedOriginate(SipOriginateEndReason reason, bool agentAnswered) =>
        !agentAnswered && reason is SipOriginateEndReason.AgentUnanswered or SipOriginateEndReason.Failed;

    /// <summary>Why the agent's leg failed, in words the desk and the log can show.</summary>
    public static string DescribeAgentFailure(int? status) => status switch
    {
        486 or 600 => "the agent's phone is busy (486)",
        603 => "the agent's phone declined the call (603)",
        408 or 480 or 487 => "the agent's phone did not answer (" + Code(status) + ")",
        488 => "the agent's phone accepts neither PCMU nor PCMA (488)",
        503 => "the agent's phone cannot be reached",
        { } code => "the agent's phone refused the call (" + Code(code) + ")",
        null => "the agent's phone did not take the call",
    };

    /// <summary>The end cause once the agent's phone answered (or CtiCore hung up first).</summary>
    public static CallEndCause CauseOf(SipOriginateEndReason reason, int? destinationStatus) => reason switch
    {
        SipOriginateEndReason.AgentBye => CallEndCause.AgentHungUp,
        SipOriginateEndReason.DestinationBye => CallEndCause.CallerHungUp,
        SipOriginateEndReason.HungUpByCommand => CallEndCause.HungUpByCommand,
        SipOriginateEndReason.DestinationFailed => destinationStatus switch
        {
            486 or 600 or 603 => CallEndCause.Busy,
            408 or 480 or 487 => CallEndCause.NoAnswer,
            _ => CallEndCause.Failed,
        },
        SipOriginateEndReason.AgentUnanswered => CallEndCause.Failed,
        _ => CallEndCause.Failed,
    };

    private static string Code(int? status) => status?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
