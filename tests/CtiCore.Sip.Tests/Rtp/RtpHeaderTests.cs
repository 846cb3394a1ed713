using CtiCore.Sip.Rtp;

namespace CtiCore.Sip.Tests.Rtp;

/// <summary>RTP header reading (RFC 3550 §5.1, §5.3.1, Appendix A.1) and the RTCP first-packet check (Appendix A.2).</summary>
public sealed class RtpHeaderTests
{
    [Fact]
    public void Reads_the_fixed_header()
    {
        var packet = new byte[RtpHeader.FixedLength + 160];
        RtpHeader.Write(packet, payloadType: 8, sequenceNumber: 65535, timestamp: 0xDEADBEEF, ssrc: 0x01020304, marker: true);

        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.Equal(8, header.PayloadType);
        Assert.True(header.Marker);
        Assert.Equal(65535, header.SequenceNumber);
        Assert.Equal(0xDEADBEEF, header.Timestamp);
        Assert.Equal(0x01020304u, header.Ssrc);
        Assert.Equal(RtpHeader.FixedLength, header.HeaderLength);
        Assert.Equal(160, header.PayloadLength);
    }

    [Fact]
    public void Skips_csrcs_and_extension_and_leaves_padding_out_of_the_payload()
    {
        // 2 CSRCs (8 octets), a 1-word extension (4 + 4 octets), 10 payload octets, 2 octets of padding.
        var packet = new byte[12 + 8 + 8 + 10 + 2];
        RtpHeader.Write(packet, 0, 1, 2, 3);
        packet[0] = 0x80 | 0x20 | 0x10 | 0x02; // V=2, P, X, CC=2
        packet[12 + 8 + 3] = 1;                // extension length: one 32-bit word
        packet[^1] = 2;                        // padding count

        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.Equal(12 + 8 + 8, header.HeaderLength);
        Assert.Equal(10, header.PayloadLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0 })]                                         // shorter than the fixed header
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]           // version 1
    [InlineData(new byte[] { 0x81, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]           // a CSRC announced, none present
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 })]     // extension header cut short
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 })]        // padding count 0
    public void Refuses_what_Appendix_A1_refuses(byte[] packet) => Assert.False(RtpHeader.TryRead(packet, out _));

    [Theory]
    [InlineData(new byte[] { 0x80, 201, 0, 1, 1, 2, 3, 4 }, true)]               // empty receiver report
    [InlineData(new byte[] { 0x80, 200, 0, 1, 1, 2, 3, 4 }, true)]               // sender report header (length checked only)
    [InlineData(new byte[] { 0x80, 8, 0, 1, 1, 2, 3, 4 }, false)]                // an RTP packet on the RTCP port
    [InlineData(new byte[] { 0x80, 201, 0, 5, 1, 2, 3, 4 }, false)]              // length word beyond the datagram
    [InlineData(new byte[] { 0x80, 201, 0, 1, 1, 2, 3 }, false)]                 // not a multiple of 4
    public void Checks_the_first_rtcp_packet(byte[] packet, bool valid) => Assert.Equal(valid, RtpHeader.IsValidRtcp(packet));
}
