namespace CtiCore.Telephony.Sip;

/// <summary>
/// Configuration section Cti:Sip: the built-in PBX. The same section binds the endpoint's own settings
/// (<see cref="CtiCore.Sip.Endpoint.SipEndpointOptions"/>: Address, Port, EnableUdp, EnableTcp, Realm, rate limits…).
/// </summary>
public sealed class SipPbxOptions
{
    public const string SectionName = "Cti:Sip";

    /// <summary>Null (the default) means on unless Cti:Asterisk:Enabled chose Asterisk as the PBX.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Names this PBX in event sources and ids ("sip:{PbxName}").</summary>
    public string PbxName { get; set; } = "builtin";

    /// <summary>
    /// Where numbers go that are not a registered phone (a transfer to an outside number): "host:port" of a SIP trunk
    /// or PBX, an IP literal. Empty (the default): transfers reach registered phones only.
    /// </summary>
    public string Trunk { get; set; } = string.Empty;

    /// <summary>How long a transfer target may ring before the transfer is given up (the referrer keeps the caller).</summary>
    public int TransferRingTimeoutSeconds { get; set; } = 30;

    /// <summary>Click-to-call: how long the agent's own phone may ring before the call is given up as failed.</summary>
    public int ClickToCallAgentRingSeconds { get; set; } = 30;

    /// <summary>Click-to-call: how long the dialled number may ring once the agent answered (then the call ends unanswered).</summary>
    public int ClickToCallDialSeconds { get; set; } = 60;

    /// <summary>
    /// The longest an agent's phone rings on this PBX before the B2BUA cancels it and reports it rung out, whatever
    /// the department's ring timeout; 0 (the default) rings for the department's ring timeout.
    /// </summary>
    public int MaxAgentRingSeconds { get; set; }

    /// <summary>Anchor media on the RTP relay (section Cti:Sip:Rtp); false passes the SDP through unchanged.</summary>
    public bool AnchorMedia { get; set; } = true;
}
