using System.Net;
using CtiCore.Sip.Sdp;

namespace CtiCore.Sip.Tests.Sdp;

public sealed class SdpOfferAnswerTests
{
    private static readonly IPEndPoint Anchor = new(IPAddress.Parse("192.0.2.200"), 20002);
    private static readonly SdpOrigin Origin = new("CtiCore", 1000, 1000, "IN", "IP4", "192.0.2.200");

    private static SdpSessionDescription Parse(string body)
    {
        Assert.True(SdpParser.TryParse(body, out var sdp, out var error), error.ToString());
        return sdp;
    }

    private static SdpAnswerOptions Options => new() { Anchor = Anchor, Origin = Origin };

    [Fact]
    public void Answer_keeps_only_G711_and_telephone_event_in_the_offers_order_and_rejects_video_in_place()
    {
        var result = SdpOfferAnswer.CreateAnswer(Parse(SdpSamples.AudioVideoOffer), Options);

        Assert.True(result.Succeeded, result.FailureReason);
        var answer = Parse(SdpWriter.Write(result.Description!)); // what goes on the wire reads back
        Assert.Equal(2, answer.Media.Count); // RFC 3264 §6: as many m= lines as the offer, same order
        Assert.Equal("audio", answer.Media[0].Media);
        Assert.Equal([0, 8, 101], answer.Media[0].PayloadTypes());
        Assert.Equal("0-15", answer.Media[0].Fmtps[101]);
        Assert.Equal(20, answer.Media[0].Ptime);
        Assert.Equal("video", answer.Media[1].Media);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal(SdpDirection.SendRecv, answer.DirectionFor(answer.Media[0]));
    }

    [Fact]
    public void Answer_anchors_media_on_the_relay_and_reports_where_the_peer_receives()
    {
        var result = SdpOfferAnswer.CreateAnswer(Parse(SdpSamples.AudioVideoOffer), Options);
        var answer = result.Description!;

        Assert.Equal("192.0.2.200", answer.Connection!.Address);
        Assert.Equal(Anchor.Port, answer.Media[0].Port);
        Assert.Null(answer.Media[0].Connection);
        Assert.Equal(Origin, answer.Origin);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 49170), result.RemoteAudio!.RtpEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 49171), result.RemoteAudio.RtcpEndPoint);
        Assert.Equal([0, 8, 101], result.RemoteAudio.PayloadTypes);
    }

    [Fact]
    public void Rtcp_attribute_decides_where_rtcp_goes_and_codec_preference_is_the_offers()
    {
        var remote = SdpOfferAnswer.FindAudio(Parse(SdpSamples.PcmaFirstWithRtcp))!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.21"), 30011), remote.RtcpEndPoint);
        Assert.Equal([SdpRtpMap.Pcma, SdpRtpMap.Pcmu], remote.Codecs);
        Assert.Null(remote.TelephoneEvent);
    }

    [Fact]
    public void An_offer_without_G711_fails_for_a_488()
    {
        var result = SdpOfferAnswer.CreateAnswer(Parse(SdpSamples.NoG711), Options);

        Assert.False(result.Succeeded);
        Assert.Null(result.Description);
        Assert.Contains("PCMU or PCMA", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_to_the_caller_can_be_restricted_to_what_the_agent_chose()
    {
        // The relay does not transcode: the caller is answered with the codec the agent's answer kept.
        var agentAnswer = Parse(SdpSamples.Phone("192.0.2.50", 6000).Replace("RTP/AVP 0 8 101", "RTP/AVP 8 101", StringComparison.Ordinal));
        var agentAudio = SdpOfferAnswer.FindAudio(agentAnswer)!;

        var result = SdpOfferAnswer.CreateAnswer(Parse(SdpSamples.AudioVideoOffer), Options with { Codecs = agentAudio.Codecs });

        Assert.Equal([8, 101], result.Description!.Media[0].PayloadTypes());
    }

    [Theory]
    [InlineData("sendonly", SdpDirection.SendOnly, true, SdpDirection.RecvOnly)]
    [InlineData("inactive", SdpDirection.Inactive, true, SdpDirection.Inactive)]
    [InlineData("recvonly", SdpDirection.RecvOnly, false, SdpDirection.SendOnly)]
    [InlineData("sendrecv", SdpDirection.SendRecv, false, SdpDirection.SendRecv)]
    [InlineData(null, SdpDirection.SendRecv, false, SdpDirection.SendRecv)]
    public void Hold_is_detected_from_the_direction_and_mirrored_in_the_answer(string? attribute, SdpDirection offered, bool hold, SdpDirection answered)
    {
        var reInvite = Parse(SdpSamples.Phone("192.0.2.1", 4000, attribute, version: 2));

        Assert.Equal(hold, SdpOfferAnswer.IsHold(reInvite));
        var result = SdpOfferAnswer.CreateAnswer(reInvite, Options);
        Assert.Equal(offered, result.RemoteAudio!.Direction);
        Assert.Equal(answered, result.Description!.Media[0].Direction);
    }

    [Fact]
    public void Hold_with_the_RFC_2543_zero_address_is_detected_and_has_nowhere_to_send()
    {
        var reInvite = Parse(SdpSamples.Phone("0.0.0.0", 4000));

        Assert.True(SdpOfferAnswer.IsHold(reInvite));
        Assert.Null(SdpOfferAnswer.FindAudio(reInvite)!.RtpEndPoint);
    }

    [Fact]
    public void Relayed_offer_keeps_the_direction_and_is_anchored_on_the_other_leg()
    {
        var agentLeg = new IPEndPoint(IPAddress.Parse("192.0.2.200"), 20004);
        var hold = Parse(SdpSamples.Phone("192.0.2.1", 4000, "sendonly"));

        var offer = SdpOfferAnswer.CreateRelayedOffer(hold, Options with { Anchor = agentLeg });

        Assert.Equal(SdpDirection.SendOnly, offer.Description!.Media[0].Direction);
        Assert.Equal(20004, offer.Description.Media[0].Port);
        Assert.Equal([0, 8, 101], offer.Description.Media[0].PayloadTypes());
    }

    [Fact]
    public void Origin_versions_increase_for_each_new_sdp()
    {
        var origin = SdpOrigin.Create(IPAddress.Loopback);
        var next = origin.NextVersion();

        Assert.Equal(origin.SessionId, next.SessionId);
        Assert.Equal(origin.SessionVersion + 1, next.SessionVersion);
        Assert.Equal("IP4", origin.AddressType);
    }
}
