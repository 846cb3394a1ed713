using System.Net;
using System.Text;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Rtp;
using CtiCore.Sip.Sdp;
using CtiCore.Sip.Tests.Rtp;

namespace CtiCore.Sip.Tests.B2bua;

/// <summary>The click-to-call's SDP around a real relay session. This class uses RTP ports 47120–47139.</summary>
public sealed class SipOriginateMediaTests
{
    private static RtpRelayOptions Options() => new() { PortRangeStart = 47120, PortRangeEnd = 47139, MediaTimeout = TimeSpan.Zero };

    [Fact]
    public void The_first_offer_is_pcmu_and_pcma_with_dtmf_at_the_anchor()
    {
        var anchor = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 20_000);
        var text = SipOriginateMedia.InitialOffer(anchor, SdpOrigin.Create(anchor.Address));

        Assert.True(SdpParser.TryParse(text, out var offer, out var error), error.ToString());
        var audio = SdpOfferAnswer.FindAudio(offer);
        Assert.NotNull(audio);
        Assert.Equal(anchor, audio.RtpEndPoint);
        Assert.Equal(["PCMU", "PCMA"], audio.Codecs.Select(c => c.EncodingName));
        Assert.Equal(SipOriginateMedia.TelephoneEventPayloadType, audio.TelephoneEvent?.PayloadType);
        Assert.False(audio.IsHold);
    }

    [Fact]
    public async Task The_destination_is_offered_only_the_codec_the_agent_chose_on_the_relays_other_side()
    {
        await using var relay = new RtpRelay(Options());
        await using var media = SipOriginateMedia.TryOpen(relay, TimeProvider.System)!;
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetString(media.OfferToAgent()), out var toAgent, out _));
        Assert.Equal(media.Session.Agent.AnchorEndPoint.Port, SdpOfferAnswer.FindAudio(toAgent)!.RtpEndPoint!.Port);

        var offer = media.AgentAnswered(Answer(8, "PCMA", 30_000));

        Assert.NotNull(offer);
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetString(offer), out var toDestination, out _));
        var audio = SdpOfferAnswer.FindAudio(toDestination)!;
        Assert.Equal(media.Session.Caller.AnchorEndPoint.Port, audio.RtpEndPoint!.Port);
        Assert.Equal(["PCMA"], audio.Codecs.Select(c => c.EncodingName));
        Assert.Equal(30_000, media.Session.Agent.AnnouncedRtpEndPoint?.Port);
    }

    [Fact]
    public async Task A_destination_answering_another_codec_than_the_agents_is_refused()
    {
        await using var relay = new RtpRelay(Options());
        await using var media = SipOriginateMedia.TryOpen(relay, TimeProvider.System)!;
        Assert.NotNull(media.AgentAnswered(Answer(8, "PCMA", 30_000)));

        Assert.False(media.DestinationAnswered(Answer(0, "PCMU", 31_000)));
        Assert.True(media.DestinationAnswered(Answer(8, "PCMA", 31_000)));
        Assert.Equal(31_000, media.Session.Caller.AnnouncedRtpEndPoint?.Port);
    }

    [Fact]
    public async Task An_agent_answer_without_g711_is_unusable()
    {
        await using var relay = new RtpRelay(Options());
        await using var media = SipOriginateMedia.TryOpen(relay, TimeProvider.System)!;

        Assert.Null(media.AgentAnswered(Answer(9, "G722", 30_000)));
        Assert.Null(media.AgentAnswered(Encoding.ASCII.GetBytes("not sdp")));
    }

    [Fact]
    public async Task A_destination_ringing_without_early_media_plays_the_ringing_tone_to_the_agent_in_its_law()
    {
        await using var relay = new RtpRelay(Options());
        await using var media = SipOriginateMedia.TryOpen(relay, TimeProvider.System)!;
        using var agent = new RtpPeer();
        Assert.NotNull(media.AgentAnswered(Answer(8, "PCMA", agent.RtpEndPoint.Port)));

        media.DestinationProgress(ReadOnlyMemory<byte>.Empty); // a 180 without SDP

        Assert.True(media.RingingTone);
        var (first, from) = await agent.ReceiveRtpAsync();
        var (second, _) = await agent.ReceiveRtpAsync();
        Assert.Equal(media.Session.Agent.LocalRtpEndPoint.Port, from.Port);
        Assert.True(RtpHeader.TryRead(first, out var header));
        Assert.True(RtpHeader.TryRead(second, out var next));
        Assert.Equal(8, header.PayloadType); // the agent's law
        Assert.Equal(160, header.PayloadLength);
        Assert.Equal(header.Ssrc, next.Ssrc);
        Assert.Equal((ushort)(header.SequenceNumber + 1), next.SequenceNumber);
        Assert.Equal(header.Timestamp + 160, next.Timestamp);
        Assert.True(media.DestinationAnswered(Answer(8, "PCMA", 31_000)));
        Assert.False(media.RingingTone);
    }

    [Fact]
    public async Task Early_media_in_the_agents_codec_replaces_the_ringing_tone_and_reaches_the_agent()
    {
        await using var relay = new RtpRelay(Options());
        await using var media = SipOriginateMedia.TryOpen(relay, TimeProvider.System)!;
        using var agent = new RtpPeer();
        using var destination = new RtpPeer { Ssrc = 0xCAFE };
        Assert.NotNull(media.AgentAnswered(Answer(8, "PCMA", agent.RtpEndPoint.Port)));
        media.DestinationProgress(ReadOnlyMemory<byte>.Empty);
        Assert.True(media.RingingTone);

        media.DestinationProgress(Answer(0, "PCMU", destination.RtpEndPoint.Port)); // not the agent's codec: ignored
        Assert.True(media.RingingTone);
        Assert.False(media.EarlyMedia);
        media.DestinationProgress(Answer(8, "PCMA", destination.RtpEndPoint.Port)); // a 183 with SDP

        Assert.False(media.RingingTone);
        Assert.True(media.EarlyMedia);
        destination.SendAudio(media.Session.Caller.LocalRtpEndPoint, new byte[160], payloadType: 8);
        while (true)
        {
            // Tone packets sent before the switch may still be queued: the destination's comes after them.
            var (packet, _) = await agent.ReceiveRtpAsync();
            Assert.True(RtpHeader.TryRead(packet, out var header));
            if (header.Ssrc == 0xCAFE)
            {
                break;
            }
        }
        media.DestinationProgress(ReadOnlyMemory<byte>.Empty); // a later 180: the early media stays
        Assert.False(media.RingingTone);
    }

    private static byte[] Answer(int payloadType, string codec, int port) => Encoding.ASCII.GetBytes(
        $"v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/AVP {payloadType}\r\na=rtpmap:{payloadType} {codec}/8000\r\n");
}
