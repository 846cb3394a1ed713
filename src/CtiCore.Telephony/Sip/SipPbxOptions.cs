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

    /// <summary>Anchor media on the RTP relay (section Cti:Sip:Rtp); false passes the SDP through unchanged.</summary>
    public bool AnchorMedia { get; set; } = true;
}
