using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// The endpoint being rung refused or gave up before answering (SIP 486 busy, 480, 603 declined, 408 no final
/// answer; a Dial() that ended BUSY or NOANSWER). The call is still offered: the call grain moves it on to the next
/// agent at once, instead of waiting out the ring timeout.
/// </summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallRingFailed")]
public sealed record CallRingFailed : CallEvent
{
    /// <summary>The endpoint that was rung, as the routing command named it.</summary>
    [Id(0)] public string Endpoint { get; set; } = string.Empty;

    /// <summary>Why: <see cref="CallEndCause.Busy"/>, <see cref="CallEndCause.NoAnswer"/> or <see cref="CallEndCause.Failed"/>.</summary>
    [Id(1)] public CallEndCause Cause { get; set; }

    /// <summary>The PBX's own code (the SIP status), for the log.</summary>
    [Id(2)] public int? PbxCauseCode { get; set; }

    /// <summary>What the refusal means for the agent; <see cref="RingFailureReason.Unknown"/> from a PBX adapter that does not say.</summary>
    [Id(3)] public RingFailureReason Reason { get; set; }

    /// <summary><see cref="Reason"/>, or for an event without one, the closest reading of <see cref="Cause"/>.</summary>
    public RingFailureReason ReasonOrFromCause() => Reason != RingFailureReason.Unknown ? Reason : Cause switch
    {
        CallEndCause.Busy => RingFailureReason.Busy,
        CallEndCause.Failed => RingFailureReason.Unreachable,
        _ => RingFailureReason.NoAnswer,
    };
}
