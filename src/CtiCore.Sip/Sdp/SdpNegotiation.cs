namespace CtiCore.Sip.Sdp;

/// <summary>
/// The outcome of <see cref="SdpOfferAnswer"/>: the SDP to send on this leg and the remote audio stream it was built from,
/// or, when no offered audio stream carries PCMU or PCMA, a failure the SIP layer answers with 488 (RFC 3261 §13.3.1.1).
/// </summary>
public sealed record SdpNegotiation
{
    public bool Succeeded => Description is not null;

    /// <summary>The SDP to send (answer or onward offer), anchored on the relay.</summary>
    public SdpSessionDescription? Description { get; init; }

    /// <summary>The audio stream of the SDP received from the peer, restricted to what <see cref="Description"/> accepts.</summary>
    public SdpAudioMedia? RemoteAudio { get; init; }

    public string? FailureReason { get; init; }

    internal static SdpNegotiation Fail(string reason) => new() { FailureReason = reason };
}
