namespace CtiCore.Sip.B2bua;

/// <summary>
/// What the B2BUA tells the layer that decides where calls go (in CtiCore: the telephony adapter that feeds the
/// routing grains). Called on the SIP receive path: implementations queue and return, never block or throw.
/// </summary>
public interface ISipCallController
{
    /// <summary>A new inbound INVITE waits for a decision (<see cref="SipB2bua.RouteTo"/> or <see cref="SipB2bua.Hangup"/>).</summary>
    void Offered(SipB2buaCall bridged);

    /// <summary>The agent leg sent 180/183.</summary>
    void Ringing(SipB2buaCall bridged, SipB2buaLeg leg);

    /// <summary>The agent leg answered and the caller got its 200.</summary>
    void Answered(SipB2buaCall bridged, SipB2buaLeg leg);

    /// <summary>An agent leg failed (486, 408, 480, 603…) before an answer; the caller still waits for the next decision,
    /// or, for a transfer's target, stays with the transferring agent (or is hung up if that agent already left).</summary>
    void LegFailed(SipB2buaCall bridged, SipB2buaLeg leg, int statusCode);

    /// <summary>
    /// The agent's phone asked (REFER, 202 sent) to hand the caller to <paramref name="target"/> (the Refer-To user
    /// part: an extension, a login or a number). Answer with <see cref="SipB2bua.TransferTo"/> or <see cref="SipB2bua.FailTransfer"/>.
    /// </summary>
    void TransferRequested(SipB2buaCall bridged, string target);

    /// <summary>A transfer's target is being rung (<paramref name="leg"/>); the agent keeps the caller until it answers.</summary>
    void TransferRinging(SipB2buaCall bridged, SipB2buaLeg leg);

    /// <summary>A blind transfer completed: <paramref name="leg"/> answered and the previous agent was let go.</summary>
    void Transferred(SipB2buaCall bridged, SipB2buaLeg leg);

    /// <summary>A re-INVITE put the call on hold (sendonly/inactive) or took it off hold.</summary>
    void HoldChanged(SipB2buaCall bridged, bool held);

    /// <summary>The call is over; nothing more is reported for it.</summary>
    void Ended(SipB2buaCall bridged, SipCallEndReason reason);
}
