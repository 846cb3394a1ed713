namespace CtiCore.Sip.B2bua;

/// <summary>
/// A click-to-call: two legs the B2BUA placed itself (it is UAC of both), the agent's first, the destination's once
/// the agent answered. Guarded by its own lock.
/// </summary>
public sealed class SipOriginatedCall
{
    internal SipOriginatedCall(SipOriginateRequest request, ISipOriginateObserver observer)
    {
        Request = request;
        Observer = observer;
    }

    /// <summary>CtiCore's key of the call (the grain key, the recording's key).</summary>
    public string Id => Request.CallId;

    public SipOriginateRequest Request { get; }

    public bool AgentAnswered { get; internal set; }

    public bool DestinationAnswered { get; internal set; }

    public bool IsEnded { get; internal set; }

    /// <summary>Final status of the leg that failed (486, 408…), when one did.</summary>
    public int? LastStatus { get; internal set; }

    /// <summary>Which leg failed: true for the agent's.</summary>
    public bool? FailedOnAgentLeg { get; internal set; }

    internal ISipOriginateObserver Observer { get; }

    internal object Gate { get; } = new();

    internal SipB2buaLeg? AgentLeg { get; set; }

    internal SipB2buaLeg? DestinationLeg { get; set; }

    internal SipOriginateMedia? Media { get; set; }

    /// <summary>A blind transfer's target while it rings; on its answer it becomes the <see cref="AgentLeg"/>.</summary>
    internal SipB2buaLeg? TransferLeg { get; set; }

    /// <summary>A REFER was accepted (202) and waits for the controller to ring its target.</summary>
    internal bool ReferPending { get; set; }

    /// <summary>The dialog and destination to NOTIFY with the transfer's progress (RFC 3515 §2.4.4).</summary>
    internal Dialogs.SipDialog? Referrer { get; set; }

    internal Transport.SipRemote? ReferrerDestination { get; set; }

    /// <summary>The transferring agent hung up while its transfer went on (RFC 5589 §6): if the transfer fails, nobody is left.</summary>
    internal bool AgentGone { get; set; }

    internal bool AgentRingingSent { get; set; }

    internal bool DestinationRingingSent { get; set; }

    internal bool Recorded { get; set; }
}
