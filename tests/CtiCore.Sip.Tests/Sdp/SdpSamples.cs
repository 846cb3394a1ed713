namespace CtiCore.Sip.Tests.Sdp;

/// <summary>
/// SDP bodies written for these tests from the facts of RFC 4317's scenarios (an audio+video offer, a hold, a G.711
/// only peer), with our own addresses and ports.
/// </summary>
internal static class SdpSamples
{
    /// <summary>Audio (PCMU, PCMA, an iLBC dynamic type, telephone-event) and video (H.261, MPV), like RFC 4317 §2.1.</summary>
    public const string AudioVideoOffer =
        "v=0\r\n" +
        "o=carol 2890844526 2890844526 IN IP4 198.51.100.7\r\n" +
        "s=-\r\n" +
        "c=IN IP4 198.51.100.7\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 97 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:97 iLBC/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "m=video 51372 RTP/AVP 31 32\r\n" +
        "a=rtpmap:31 H261/90000\r\n" +
        "a=rtpmap:32 MPV/90000\r\n";

    /// <summary>PCMA preferred over PCMU, with a=rtcp on a non-adjacent port and a media-level connection.</summary>
    public const string PcmaFirstWithRtcp =
        "v=0\r\n" +
        "o=- 7 7 IN IP4 203.0.113.20\r\n" +
        "s=call\r\n" +
        "t=0 0\r\n" +
        "m=audio 30000 RTP/AVP 8 0\r\n" +
        "c=IN IP4 203.0.113.20\r\n" +
        "a=rtcp:30011 IN IP4 203.0.113.21\r\n" +
        "a=sendrecv\r\n";

    /// <summary>Only G.729 and GSM: nothing the relay can carry.</summary>
    public const string NoG711 =
        "v=0\r\n" +
        "o=- 1 1 IN IP4 192.0.2.5\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.5\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 18 3\r\n" +
        "a=rtpmap:18 G729/8000\r\n";

    /// <summary>A minimal G.711 offer from a phone at the given address and port, with an optional direction line.</summary>
    public static string Phone(string address, int port, string? direction = null, int version = 1) =>
        "v=0\r\n" +
        $"o=phone 42 {version} IN IP4 {address}\r\n" +
        "s=-\r\n" +
        $"c=IN IP4 {address}\r\n" +
        "t=0 0\r\n" +
        $"m=audio {port} RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        (direction is null ? "" : $"a={direction}\r\n");
}
