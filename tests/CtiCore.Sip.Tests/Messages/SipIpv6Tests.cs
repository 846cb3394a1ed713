using System.Text;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Tests.Messages;

/// <summary>
/// Variations on the RFC 5118 (IPv6) cases, on messages written for this test. The RFC's own archived messages are
/// checked one by one in <see cref="Rfc5118TortureTests"/>.
/// </summary>
public sealed class SipIpv6Tests
{
    private static SipMessage Register(string requestUri, string via, string contact = "<sip:caller@[2001:db8::1]>") =>
        SipParser.Parse(Encoding.ASCII.GetBytes(
            $"REGISTER {requestUri} SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:user@example.com;tag=81x2\r\nVia: {via}\r\n" +
            $"Call-ID: v6@example\r\nMax-Forwards: 70\r\nContact: {contact}\r\nCSeq: 98176 REGISTER\r\nContent-Length: 0\r\n\r\n"), SipTransportFraming.Datagram);

    [Fact]
    public void Bracketed_ipv6_in_request_uri_via_and_contact()
    {
        var m = Register("sip:[2001:db8::10]", "SIP/2.0/UDP [2001:db8::9:1]:5070;branch=z9hG4bKas3-111");
        Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
        Assert.Equal("[2001:db8::9:1]", m.TopVia.Host);
        Assert.Equal(5070, m.TopVia.Port);
        Assert.Equal("[2001:db8::1]", m.Contacts[0].Uri!.Host);
    }

    [Fact]
    public void Unbracketed_ipv6_request_uri_is_rejected()
    {
        // RFC 5118 §4.2: "sip:2001:db8::10" is not a valid SIP URI.
        var m = Register("sip:2001:db8::10", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111");
        Assert.Equal(SipRejectionReason.MalformedRequestUri, Assert.Throws<SipRejectedException>(() => m.RequestUri).Reason);
    }

    [Fact]
    public void Port_inside_the_brackets_is_part_of_the_address()
    {
        // RFC 5118 §4.3: [2001:db8::10:5070] is an address with no port.
        var m = Register("sip:[2001:db8::10:5070]", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111");
        Assert.Equal("[2001:db8::10:5070]", m.RequestUri.Host);
        Assert.Null(m.RequestUri.Port);
    }

    [Theory]
    [InlineData("received=[2001:db8::9:255]")]
    [InlineData("received=2001:db8::9:255")]
    public void Via_received_with_and_without_brackets(string received)
    {
        // RFC 5118 §4.5: both forms are accepted.
        var m = Register("sip:[2001:db8::10]", $"SIP/2.0/UDP [2001:db8::9:1];{received};branch=z9hG4bKas3-111");
        Assert.Contains("2001:db8::9:255", m.TopVia.Received, StringComparison.Ordinal);
        Assert.Equal("z9hG4bKas3-111", m.TopVia.Branch);
    }

    [Fact]
    public void Ipv4_and_ipv6_in_one_via_list_and_ipv4_mapped_addresses()
    {
        // RFC 5118 §4.7 and §4.9.
        var m = Register("sip:[::ffff:192.0.2.2]", "SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKa, SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKb");
        Assert.Equal(["[2001:db8::9:1]", "192.0.2.1"], m.Vias.Select(v => v.Host));
        Assert.Equal("[::ffff:192.0.2.2]", m.RequestUri.Host);
    }
}
