namespace CtiCore.Sip.B2bua;

/// <summary>Why a bridged call ended, in SIP terms; the adapter maps it to the PBX-neutral cause.</summary>
public enum SipCallEndReason
{
    /// <summary>The caller sent BYE after the answer.</summary>
    CallerBye,

    /// <summary>The agent sent BYE after the answer.</summary>
    AgentBye,

    /// <summary>The caller sent CANCEL before the answer (the caller got 487).</summary>
    CallerCancelled,

    /// <summary>CtiCore asked for the hang-up.</summary>
    HungUpByCommand,

    /// <summary>Unanswered and given up: the last agent leg was busy (486/600).</summary>
    Busy,

    /// <summary>Unanswered and given up: no answer (408/480/487 or a timeout).</summary>
    NoAnswer,

    /// <summary>Network or server failure (5xx, transport).</summary>
    Failed,

    /// <summary>Answered, then one side sent no RTP for the relay's media timeout (outside hold): both got BYE.</summary>
    MediaTimeout,
}
