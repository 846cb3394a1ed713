using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Tests.Messages;

public sealed class SipUriTests
{
    [Fact]
    public void Sip_uri_parts()
    {
        var uri = SipUri.Parse("sips:alice:secret@Atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");
        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Atlanta.example.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Parameters.Get("TRANSPORT"));
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Equal("project%20x", uri.Headers.Get("subject"));
        Assert.Equal("sips:alice@atlanta.example.com", uri.AddressOfRecord);
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]:5070", "[2001:db8::10]", 5070)]
    [InlineData("sip:user@[2001:db8::10]", "[2001:db8::10]", null)]
    [InlineData("sip:192.0.2.1:5060", "192.0.2.1", 5060)]
    public void Hosts_and_ports(string text, string host, int? port)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
    }

    [Theory]
    [InlineData("sip:user@host%41.com")]       // escapes are not allowed in a host.
    [InlineData("sip:us%4ger@host")]            // '%' needs two hex digits.
    [InlineData("sip:user@host:99999")]
    [InlineData("sip:user@[2001:db8::10")]
    [InlineData("sip:user@[::ffff:zz]")]
    [InlineData("sip:user name@host")]
    [InlineData("sip:user@host;=x")]
    [InlineData("sip:user@host?noequals")]
    [InlineData("sip:")]
    [InlineData("1sip:user@host")]
    [InlineData("sip:user@")]
    public void Invalid_uris_are_rejected(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void Other_schemes_stay_opaque()
    {
        var tel = SipUri.Parse("tel:+1-201-555-0123");
        Assert.False(tel.IsSip);
        Assert.Equal("tel", tel.Scheme);
        Assert.Equal("tel:+1-201-555-0123", tel.Text);
    }

    [Fact]
    public void Unescape_decodes_utf8()
    {
        Assert.Equal("a b@é", SipUri.Unescape("a%20b%40%C3%A9"));
    }

    [Theory]
    [InlineData("Bell, Alexander <sip:a@b>")]     // RFC 4475 §3.1.2.15: unquoted non-token display name.
    [InlineData("\"Watson\" < sip:t@b >")]         // §3.1.2.14: spaces inside the brackets.
    [InlineData("\"Unterminated <sip:a@b>")]       // §3.1.2.6.
    [InlineData("sip:a@b?Route=x")]                // §3.1.2.13: '?' needs brackets.
    [InlineData("<sip:a@b>;;tag=1")]               // empty parameter.
    [InlineData("<sip:a@b")]
    public void Invalid_name_addresses_are_rejected(string text)
    {
        Assert.Throws<SipRejectedException>(() => SipNameAddress.Parse(text));
    }

    [Fact]
    public void Name_address_forms()
    {
        var a = SipNameAddress.Parse("Mr Watson  <sip:watson@bell.example.com>;tag=x;q=\"quoted;value\"");
        Assert.Equal("Mr Watson", a.DisplayName);
        Assert.Equal("quoted;value", a.Parameters.Get("q"));
        var b = SipNameAddress.Parse("sip:+12125551212@server.phone2net.com;tag=887s");
        Assert.Null(b.DisplayName);
        Assert.Equal("887s", b.Tag);
        Assert.Empty(b.Uri!.Parameters);
        Assert.Equal("<sip:watson@bell.example.com>;tag=x;q=\"quoted;value\"", a.ToString().Replace("\"Mr Watson\" ", "", StringComparison.Ordinal));
    }
}
