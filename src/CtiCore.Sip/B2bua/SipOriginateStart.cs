namespace CtiCore.Sip.B2bua;

/// <summary>What <see cref="SipB2bua.Originate"/> did with the request.</summary>
public enum SipOriginateStart
{
    /// <summary>The agent's phone is being called; the observer hears the rest.</summary>
    Started,

    /// <summary>A call with this key is already in progress (the request was a repeat).</summary>
    AlreadyInProgress,

    /// <summary>The agent's contact or the destination is not an IP address the B2BUA can reach.</summary>
    Unreachable,

    /// <summary>Media is not anchored (Cti:Sip:AnchorMedia=false): click-to-call needs the relay to offer SDP itself.</summary>
    NoRelay,

    /// <summary>The relay has no free ports.</summary>
    NoMediaPorts,
}
