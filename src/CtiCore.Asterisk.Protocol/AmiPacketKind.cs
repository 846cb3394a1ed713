namespace CtiCore.Asterisk.Protocol;

/// <summary>What a packet read from Asterisk is.</summary>
public enum AmiPacketKind
{
    /// <summary>The "Asterisk Call Manager/x.y.z" line Asterisk sends once when the TCP connection opens.</summary>
    Banner,

    /// <summary>A packet whose first key is Response: the answer to one action, matched by ActionID.</summary>
    Response,

    /// <summary>A packet whose first key is Event.</summary>
    Event,
}
