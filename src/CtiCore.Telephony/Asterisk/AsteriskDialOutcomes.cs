using CtiCore.Domain.Telephony;

namespace CtiCore.Telephony.Asterisk;

/// <summary>
/// Asterisk's words for how a dial ended, in CtiCore's terms. Three sources say it for a campaign call: the
/// dialplan's DIALSTATUS (reported by UserEvent CtiCoreDialStatus, the authoritative one), the OriginateResponse's
/// Reason (the AST_CONTROL_* frame that ended the originate) and the Hangup's Q.850 cause.
/// </summary>
public static class AsteriskDialOutcomes
{
    /// <summary>Dial()'s DIALSTATUS; null for ANSWER and anything that says nothing about an unanswered end.</summary>
    public static CallEndCause? FromDialStatus(string? dialStatus) => dialStatus switch
    {
        "BUSY" => CallEndCause.Busy,
        "NOANSWER" => CallEndCause.NoAnswer,
        "CHANUNAVAIL" or "CONGESTION" => CallEndCause.Failed,
        "CANCEL" => CallEndCause.CallerHungUp,
        _ => null,
    };

    /// <summary>
    /// One destination's DialEnd DialStatus as a ring failure of the phone dialled: BUSY is busy elsewhere, NOANSWER
    /// rang out, CHANUNAVAIL (not registered, unreachable) and CONGESTION (5xx, no route) mean the phone cannot be
    /// reached; null for ANSWER, CANCEL (the caller gave up) and anything else.
    /// </summary>
    public static RingFailureReason? RingFailureFromDialStatus(string? dialStatus) => dialStatus switch
    {
        "BUSY" => RingFailureReason.Busy,
        "NOANSWER" => RingFailureReason.NoAnswer,
        "CHANUNAVAIL" or "CONGESTION" => RingFailureReason.Unreachable,
        _ => null,
    };

    /// <summary>
    /// OriginateResponse Reason of a failed originate: 1 hang-up (the dialplan ended the ringing: no answer),
    /// 3 ringing when the originate's own timeout fired (no answer), 5 busy, 8 congestion. Reason 0 (or none) is no
    /// verdict: Asterisk 22 sends it both when no channel could be made and when the campaign dialplan hung up after
    /// Dial()'s NOANSWER with Hangup(19) (seen in the EndToEnd campaign test), so the call's own CallEnded decides.
    /// </summary>
    public static CallEndCause FromOriginateReason(string? reason) => reason switch
    {
        "5" => CallEndCause.Busy,
        "1" or "3" => CallEndCause.NoAnswer,
        "8" => CallEndCause.Failed,
        _ => CallEndCause.Unknown,
    };

    /// <summary>Q.850 cause of the hang-up (ITU-T Q.850 table 1) when nothing better is known.</summary>
    public static CallEndCause FromHangupCause(int? cause) => cause switch
    {
        17 => CallEndCause.Busy,
        18 or 19 => CallEndCause.NoAnswer,
        1 or 3 or 27 or 34 or 38 or 41 or 42 or 44 or 47 => CallEndCause.Failed,
        _ => CallEndCause.CallerHungUp,
    };

    /// <summary>AMD()'s AMDSTATUS: MACHINE, HUMAN, HANGUP or NOTSURE (anything unknown is not sure: never a machine).</summary>
    public static AnsweringMachineResult FromAmdStatus(string? amdStatus) => amdStatus switch
    {
        "MACHINE" => AnsweringMachineResult.Machine,
        "HUMAN" => AnsweringMachineResult.Human,
        "HANGUP" => AnsweringMachineResult.HungUp,
        _ => AnsweringMachineResult.NotSure,
    };
}
