namespace CtiCore.Sip.B2bua;

/// <summary>Why a click-to-call ended, in SIP terms; the adapter maps it to the PBX-neutral events.</summary>
public enum SipOriginateEndReason
{
    /// <summary>The agent's phone did not take the call (busy, declined, rang out, unreachable): the destination was never called.</summary>
    AgentUnanswered,

    /// <summary>The agent answered, the destination's leg failed (486, 408, 404, 5xx…); the agent got BYE.</summary>
    DestinationFailed,

    /// <summary>The agent hung up (before the destination answered this cancels it).</summary>
    AgentBye,

    /// <summary>The destination hung up after answering.</summary>
    DestinationBye,

    /// <summary>CtiCore asked for the hang-up.</summary>
    HungUpByCommand,

    /// <summary>Answered, then one side sent no RTP for the relay's media timeout: both got BYE.</summary>
    MediaTimeout,

    /// <summary>Something the relay could not carry (an SDP answer without PCMU/PCMA).</summary>
    Failed,
}
