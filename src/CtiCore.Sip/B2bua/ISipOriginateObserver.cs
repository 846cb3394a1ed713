namespace CtiCore.Sip.B2bua;

/// <summary>
/// Hears how one click-to-call goes (<see cref="SipB2bua.Originate"/>). Called on the SIP receive path and timers:
/// implementations queue and return, never block or throw. <see cref="Ended"/> comes exactly once, last.
/// </summary>
public interface ISipOriginateObserver
{
    /// <summary>The agent's phone sent 180/183.</summary>
    void AgentRinging(SipOriginatedCall originated);

    /// <summary>The agent picked up; the destination is being called now.</summary>
    void AgentAnswered(SipOriginatedCall originated);

    /// <summary>The destination sent 180/183.</summary>
    void DestinationRinging(SipOriginatedCall originated);

    /// <summary>The destination answered: agent and destination talk through the relay.</summary>
    void Answered(SipOriginatedCall originated);

    /// <summary>A re-INVITE from either phone put the call on hold (sendonly/inactive) or took it off hold.</summary>
    void HoldChanged(SipOriginatedCall originated, bool held);

    /// <summary>
    /// The agent's phone asked (REFER, 202 sent) to hand the dialled party to <paramref name="target"/> (the Refer-To
    /// user part). Answer with <see cref="SipB2bua.TransferTo"/> or <see cref="SipB2bua.FailTransfer"/>, as for a routed call.
    /// </summary>
    void TransferRequested(SipOriginatedCall originated, string target);

    /// <summary>A transfer's target is being rung; the agent keeps the dialled party until it answers.</summary>
    void TransferRinging(SipOriginatedCall originated, SipB2buaLeg leg);

    /// <summary>The target answered and talks to the dialled party; the transferring agent was let go.</summary>
    void Transferred(SipOriginatedCall originated, SipB2buaLeg leg);

    /// <summary>The call is over (<see cref="SipOriginatedCall.LastStatus"/> holds the failed leg's status, if one failed).</summary>
    void Ended(SipOriginatedCall originated, SipOriginateEndReason reason);
}
