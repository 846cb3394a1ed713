using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>The call is over. Terminal: nothing after it changes the call, except a recording's file name.</summary>
[GenerateSerializer, Alias("CtiCore.Telephony.CallEnded")]
public sealed record CallEnded : CallEvent
{
    [Id(0)] public CallEndCause Cause { get; set; }

    /// <summary>The PBX's own cause code (Q.850 in Asterisk's Hangup event), kept for diagnostics.</summary>
    [Id(1)] public int? PbxCauseCode { get; set; }
}
