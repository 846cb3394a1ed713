using System.Net;

namespace CtiCore.Sip.Sdp;

/// <summary>How <see cref="SdpOfferAnswer"/> builds an SDP for one leg of the relay.</summary>
public sealed record SdpAnswerOptions
{
    /// <summary>The relay's local RTP endpoint for this leg, as the peer should reach it (c= and m= port).</summary>
    public required IPEndPoint Anchor { get; init; }

    /// <summary>This leg's origin; bump it with <see cref="SdpOrigin.NextVersion"/> for every new SDP (RFC 3264 §8).</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>
    /// The codecs the relay accepts, matched by encoding name and rate. The relay does not transcode, so a B2BUA answers
    /// the caller with the codecs the agent answered (<see cref="SdpAudioMedia.Codecs"/>) rather than the default.
    /// </summary>
    public IReadOnlyList<SdpRtpMap> Codecs { get; init; } = [SdpRtpMap.Pcmu, SdpRtpMap.Pcma];

    /// <summary>Pass RFC 4733 telephone-event (DTMF) through when offered.</summary>
    public bool TelephoneEvents { get; init; } = true;

    public string SessionName { get; init; } = "CtiCore";
}
