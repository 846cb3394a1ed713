using System.Text;
using CtiCore.Sip.Sdp;

namespace CtiCore.Sip.Tests.Sdp;

public sealed class SdpParserTests
{
    private static SdpSessionDescription Parse(string body)
    {
        Assert.True(SdpParser.TryParse(Encoding.UTF8.GetBytes(body), out var sdp, out var error), error.ToString());
        return sdp;
    }

    [Fact]
    public void Reads_the_session_and_media_lines_a_B2BUA_needs()
    {
        var sdp = Parse(SdpSamples.AudioVideoOffer);

        Assert.Equal(new SdpOrigin("carol", 2890844526, 2890844526, "IN", "IP4", "198.51.100.7"), sdp.Origin);
        Assert.Equal("198.51.100.7", sdp.Connection!.Address);
        Assert.Equal(["0 0"], sdp.Timing);
        Assert.Equal(2, sdp.Media.Count);
        var audio = sdp.Media[0];
        Assert.True(audio.IsRtpAudio);
        Assert.Equal(49170, audio.Port);
        Assert.Equal([0, 8, 97, 101], audio.PayloadTypes());
        Assert.Equal(new SdpRtpMap(97, "iLBC", 8000), audio.RtpMapFor(97));
        Assert.Equal("0-15", audio.Fmtps[101]);
        Assert.Equal(20, audio.Ptime);
        Assert.Null(audio.Direction);
        Assert.Equal(SdpDirection.SendRecv, sdp.DirectionFor(audio));
        Assert.Equal("video", sdp.Media[1].Media);
        Assert.False(sdp.Media[1].IsRtpAudio);
    }

    [Fact]
    public void Reads_rtcp_direction_and_media_level_connection()
    {
        var sdp = Parse(SdpSamples.PcmaFirstWithRtcp);
        var audio = sdp.Media[0];

        Assert.Null(sdp.Connection);
        Assert.Equal("203.0.113.20", sdp.ConnectionFor(audio)!.Address);
        Assert.Equal(30011, audio.RtcpPort);
        Assert.Equal("203.0.113.21", audio.RtcpConnection!.Address);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(SdpRtpMap.Pcma, audio.RtpMapFor(8)); // static type without rtpmap (RFC 3551)
    }

    [Fact]
    public void Written_sdp_reads_back_the_same()
    {
        foreach (var body in new[] { SdpSamples.AudioVideoOffer, SdpSamples.PcmaFirstWithRtcp, SdpSamples.Phone("192.0.2.1", 4000, "sendonly") })
        {
            var first = Parse(body);
            var written = SdpWriter.Write(first);
            var second = Parse(written);

            Assert.Equal(written, SdpWriter.Write(second));
            Assert.Equal(first.Media.Count, second.Media.Count);
            Assert.All(written.Split("\r\n")[..^1], line => Assert.Matches("^[a-z]=", line));
            Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_lines_and_attributes_are_kept_not_refused()
    {
        var body = SdpSamples.Phone("192.0.2.1", 4000).Replace("t=0 0\r\n", "b=AS:64\r\nt=0 0\r\na=tool:x\r\n", StringComparison.Ordinal)
            + "a=x-custom:1 2\r\na=silenceSupp:off - - - -\r\ny=unknown type\r\n";

        var sdp = Parse(body);

        Assert.Contains(new SdpAttributeLine("tool", "x"), sdp.OtherAttributes);
        Assert.Contains(new SdpLine('b', "AS:64"), sdp.OtherLines);
        Assert.Contains(new SdpAttributeLine("x-custom", "1 2"), sdp.Media[0].OtherAttributes);
        Assert.Contains(new SdpLine('y', "unknown type"), sdp.Media[0].OtherLines);
        Assert.Contains("a=tool:x\r\n", SdpWriter.Write(sdp), StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_line_feeds_and_a_missing_t_line_are_tolerated()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nm=audio 5004 RTP/AVP 0\n");

        Assert.Equal(5004, sdp.Media[0].Port);
        Assert.Equal(["0 0"], sdp.Timing);
    }

    [Theory]
    [InlineData("", SdpParseError.BadSize)]
    [InlineData("v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", SdpParseError.UnsupportedVersion)]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\r\nv=0\r\ns=-\r\n", SdpParseError.UnsupportedVersion)]
    [InlineData("v=0\r\ns=-\r\no=- 1 1 IN IP4 192.0.2.1\r\n", SdpParseError.MissingOrMisplacedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", SdpParseError.MissingOrMisplacedLine)]
    [InlineData("v=0\r\no=- x 1 IN IP4 192.0.2.1\r\ns=-\r\n", SdpParseError.MalformedOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", SdpParseError.MalformedOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4\r\n", SdpParseError.MalformedConnection)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IPX 1.2.3.4\r\n", SdpParseError.MalformedConnection)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 70000 RTP/AVP 0\r\n", SdpParseError.MalformedMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP\r\n", SdpParseError.MalformedMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio -1 RTP/AVP 0\r\n", SdpParseError.MalformedMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", SdpParseError.MalformedAttribute)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP 0\r\na=ptime:abc\r\n", SdpParseError.MalformedAttribute)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP 0\r\na=rtcp:0\r\n", SdpParseError.MalformedAttribute)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 5004 RTP/AVP 0\r\n", SdpParseError.MissingConnection)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nno equals sign\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nA=upper case\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=bad\0nul\r\n", SdpParseError.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP 0\r\nt=0 0\r\n", SdpParseError.MissingOrMisplacedLine)]
    public void Malformed_bodies_get_a_clear_error(string body, SdpParseError expected)
    {
        Assert.False(SdpParser.TryParse(Encoding.UTF8.GetBytes(body), out var sdp, out var error));
        Assert.Null(sdp);
        Assert.Equal(expected, error.Reason);
        Assert.False(string.IsNullOrEmpty(error.Detail));
    }

    [Fact]
    public void Too_many_media_sections_and_oversized_bodies_are_refused()
    {
        var many = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n");
        for (var i = 0; i <= SdpParser.MaxMediaSections; i++)
        {
            many.Append("m=audio 0 RTP/AVP 0\r\n");
        }

        Assert.False(SdpParser.TryParse(many.ToString(), out _, out var tooMany));
        Assert.Equal(SdpParseError.TooManyMedia, tooMany.Reason);
        Assert.False(SdpParser.TryParse(new byte[SdpParser.MaxBodyLength + 1], out _, out var tooBig));
        Assert.Equal(SdpParseError.BadSize, tooBig.Reason);
    }

    [Fact]
    public void Mutated_bodies_never_throw()
    {
        // Fixed seed: reproducible. Every mutation must end in a description or an SdpError, never an exception.
        var random = new Random(4566);
        var corpus = new[] { SdpSamples.AudioVideoOffer, SdpSamples.PcmaFirstWithRtcp, SdpSamples.NoG711 }.Select(Encoding.UTF8.GetBytes).ToArray();
        string[] tokens = ["\r\n", "\n", " ", "=", ":", "/", "-", "0", "99999999999999999999", "m=audio 1 RTP/AVP 0\r\n", "a=rtcp:", "c=IN IP6 ::\r\n", "\0", "\u00ff"];
        int parsed = 0, refused = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = corpus[random.Next(corpus.Length)].ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(bytes.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when bytes.Count > 0:
                        bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 20), bytes.Count - Math.Min(at, bytes.Count - 1)));
                        break;
                    case 1:
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes(tokens[random.Next(tokens.Length)]));
                        break;
                    default:
                        if (bytes.Count > 0)
                        {
                            bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                        }

                        break;
                }
            }

            if (SdpParser.TryParse(bytes.ToArray(), out var sdp, out _))
            {
                parsed++;
                _ = SdpWriter.Write(sdp);
                _ = SdpOfferAnswer.FindAudio(sdp);
            }
            else
            {
                refused++;
            }
        }

        Assert.True(parsed > 0 && refused > 0, $"parsed {parsed}, refused {refused}: the mutations should produce both");
    }
}
