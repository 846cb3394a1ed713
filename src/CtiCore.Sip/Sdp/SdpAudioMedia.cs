using System.Net;

namespace CtiCore.Sip.Sdp;

/// <summary>
/// What one side's SDP says about the audio stream a B2BUA relays: where to send RTP and RTCP, which payload types
/// may arrive, and whether the stream is on hold. Fill a relay leg with it (<c>RtpLeg.SetRemote</c>).
/// </summary>
public sealed record SdpAudioMedia
{
    /// <summary>The index of the m= section in its SDP (answers keep the offer's order, RFC 3264 §6).</summary>
    public required int MediaIndex { get; init; }

    /// <summary>Where the peer receives RTP; null when it gave c=0.0.0.0 (RFC 2543 hold) or an address that is not an IP.</summary>
    public IPEndPoint? RtpEndPoint { get; init; }

    /// <summary>Where the peer receives RTCP: a=rtcp (RFC 3605), else RTP port + 1 (RFC 3550 §11).</summary>
    public IPEndPoint? RtcpEndPoint { get; init; }

    /// <summary>The G.711 codecs this SDP offers or accepts, in its order of preference.</summary>
    public required IReadOnlyList<SdpRtpMap> Codecs { get; init; }

    /// <summary>The telephone-event (RFC 4733) payload, when the SDP carries it.</summary>
    public SdpRtpMap? TelephoneEvent { get; init; }

    public required SdpDirection Direction { get; init; }

    public int? Ptime { get; init; }

    /// <summary>RFC 3264 §8.4: a stream is held when marked sendonly or inactive, or (RFC 2543 style) c=0.0.0.0.</summary>
    public bool IsHold { get; init; }

    /// <summary>Every payload type the relay should accept from this peer: the codecs plus telephone-event.</summary>
    public IReadOnlyList<int> PayloadTypes
        => TelephoneEvent is null ? [.. Codecs.Select(c => c.PayloadType)] : [.. Codecs.Select(c => c.PayloadType), TelephoneEvent.PayloadType];
}
