using Orleans;

namespace CtiCore.Domain.Telephony;

/// <summary>
/// The PBX's own identifiers of a channel or call, carried on every event and command so that
/// anything CtiCore logs can be found again in the PBX's logs and CDRs.
/// </summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Telephony.PbxCorrelation")]
public sealed record PbxCorrelation
{
    public static readonly PbxCorrelation None = new();

    /// <summary>Asterisk Uniqueid of the channel, or the SIP Call-ID of the dialog on the built-in endpoint.</summary>
    [Id(0)] public string? ChannelId { get; set; }

    /// <summary>Asterisk Linkedid: the same on every channel of one call.</summary>
    [Id(1)] public string? LinkedId { get; set; }

    /// <summary>Channel name such as "PJSIP/101-00000007", for people reading logs.</summary>
    [Id(2)] public string? ChannelName { get; set; }
}
