namespace CtiCore.Domain.Telephony;

/// <summary>Why a call ended, reduced from the PBX's cause (Q.850 cause codes, SIP status codes).</summary>
public enum CallEndCause
{
    Unknown = 0,

    /// <summary>The caller hung up (before an answer this makes the call abandoned).</summary>
    CallerHungUp = 1,

    /// <summary>The agent's side hung up.</summary>
    AgentHungUp = 2,

    /// <summary>Nobody answered (Q.850 19).</summary>
    NoAnswer = 3,

    /// <summary>User busy (Q.850 17, SIP 486).</summary>
    Busy = 4,

    /// <summary>Network or PBX failure (Q.850 34, 38, 41; SIP 5xx).</summary>
    Failed = 5,

    /// <summary>CtiCore asked for the hang-up.</summary>
    HungUpByCommand = 6,
}
