using System.Net;
using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transactions;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.B2bua;

/// <summary>One outbound INVITE of a call, to one agent's registered contact (§13.2: we are its UAC).</summary>
public sealed class SipB2buaLeg
{
    internal SipB2buaLeg(string agentUser, string endpointLabel, SipMessage invite, SipRemote destination)
    {
        AgentUser = agentUser;
        EndpointLabel = endpointLabel;
        Invite = invite;
        Destination = destination;
    }

    /// <summary>The registered user name rung (CRM login or extension).</summary>
    public string AgentUser { get; }

    /// <summary>The endpoint as the routing layer named it (reported back in its events).</summary>
    public string EndpointLabel { get; }

    public string CallId => Invite.CallId;

    internal SipMessage Invite { get; }

    /// <summary>Where the leg's requests go, and over which transport (a TCP phone's registration flow when it has one).</summary>
    internal SipRemote Destination { get; }

    internal SipClientTransaction? Transaction { get; set; }

    internal bool Provisional { get; set; }

    internal bool CancelWanted { get; set; }

    internal bool Finished { get; set; }

    internal SipDialog? Dialog { get; set; }

    /// <summary>Cancels the leg when it rang for the routing's ring timeout without a final answer.</summary>
    internal ITimer? RingTimer { get; set; }

    /// <summary>
    /// True when the B2BUA gave up on the leg after it rang (a provisional response came) for the whole ring timeout:
    /// its 408 means "nobody answered". A 408 without any response (the ring timeout before even a 100, or the
    /// transaction's own timer) means the phone could not be reached.
    /// </summary>
    public bool RangOut { get; internal set; }
}
