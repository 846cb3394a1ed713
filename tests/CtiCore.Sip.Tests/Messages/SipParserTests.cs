using System.Text;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Tests.Messages;

public sealed class SipParserTests
{
    private const string Invite =
        "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "From: \"Alice A.\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.example.com>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\n";

    private static SipMessage Parse(string text, SipTransportFraming framing = SipTransportFraming.Datagram) =>
        SipParser.Parse(Encoding.UTF8.GetBytes(text), framing);

    private static SipRejectionReason Rejection(string text, SipTransportFraming framing = SipTransportFraming.Datagram) =>
        Assert.Throws<SipRejectedException>(() => Parse(text, framing)).Reason;

    [Fact]
    public void Typed_accessors_read_the_common_headers()
    {
        var m = Parse(Invite);
        Assert.True(m.IsRequest);
        Assert.Same(SipMethod.Invite, m.Method);
        Assert.Equal("bob", m.RequestUri.User);
        Assert.Equal("z9hG4bK776asdhds", m.TopVia.Branch);
        Assert.Equal(5060, m.TopVia.Port);
        Assert.True(m.TopVia.Parameters.Contains("rport"));
        Assert.Null(m.TopVia.Parameters.Get("rport"));
        Assert.Equal("Bob", m.To.DisplayName);
        Assert.Null(m.To.Tag);
        Assert.Equal("Alice A.", m.From.DisplayName);
        Assert.Equal("1928301774", m.From.Tag);
        Assert.Equal(new SipCSeq(314159, "INVITE"), m.CSeq);
        Assert.Equal(70, m.MaxForwards);
        Assert.Equal("sip:alice@pc33.example.com", m.Contacts[0].Uri!.Text);
        Assert.Equal("v=0\n", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void Compact_forms_and_any_case_resolve_to_the_same_headers()
    {
        var m = Parse(
            "OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bKx\r\nt: <sip:a@b>\r\nf: <sip:c@d>;tag=1\r\n" +
            "i: id1\r\ncSeQ: 1 OPTIONS\r\nm: <sip:c@e>\r\nl: 0\r\nc: text/plain\r\nk: path\r\n\r\n");
        Assert.Equal("id1", m.CallId);
        Assert.Equal("id1", m.GetHeader("call-id"));
        Assert.Equal("id1", m.GetHeader("I"));
        Assert.Equal("TCP", m.TopVia.Transport);
        Assert.Equal("path", m.GetHeader(SipHeaderId.Supported));
        Assert.Equal("text/plain", m.GetHeader("Content-Type"));
        Assert.Equal("sip:c@e", m.Contacts[0].Uri!.Text);
    }

    [Fact]
    public void Folded_lines_unfold_to_single_spaces()
    {
        var m = Parse("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>\r\n ;tag=9\r\n" +
            "Call-ID: x\r\nCSeq: 1\r\n\tOPTIONS\r\nSubject: one\r\n   two\r\n\t three\r\n\r\n");
        Assert.Equal("9", m.From.Tag);
        Assert.Equal(new SipCSeq(1, "OPTIONS"), m.CSeq);
        Assert.Equal("one two three", m.GetHeader(SipHeaderId.Subject));
    }

    [Fact]
    public void List_headers_split_on_commas_outside_quotes_and_brackets_and_across_lines()
    {
        var m = Parse("REGISTER sip:b SIP/2.0\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bKa, SIP/2.0/UDP h2;branch=z9hG4bKb\r\nVia: SIP/2.0/UDP h3;branch=z9hG4bKc\r\n" +
            "To: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 REGISTER\r\n" +
            "Contact: \"A, B\" <sip:a@h1;x=1>;expires=10, <sip:a@h2>\r\nContact: sip:a@h3;q=0.5\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(["h1", "h2", "h3"], m.Vias.Select(v => v.Host));
        Assert.Equal(3, m.Contacts.Count);
        Assert.Equal("A, B", m.Contacts[0].DisplayName);
        Assert.Equal("10", m.Contacts[0].Parameters.Get("expires"));
        Assert.Equal("1", m.Contacts[0].Uri!.Parameters.Get("x"));
        Assert.Equal("0.5", m.Contacts[2].Parameters.Get("q"));
    }

    [Fact]
    public void Wildcard_contact_parses()
    {
        var m = Parse("REGISTER sip:b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKa\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 REGISTER\r\nContact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
        Assert.True(Assert.Single(m.Contacts).IsWildcard);
        Assert.Equal(0, m.Expires);
    }

    [Fact]
    public void Response_status_line_and_reason()
    {
        var m = Parse("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKa\r\nTo: <sip:a@b>;tag=2\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n");
        Assert.True(m.IsResponse);
        Assert.Equal(486, m.StatusCode);
        Assert.Equal("Busy Here", m.ReasonPhrase);
        Assert.Equal("INVITE", m.Method);
    }

    [Fact]
    public void Datagram_without_content_length_takes_the_rest_and_stream_refuses_it()
    {
        const string text = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKa\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 MESSAGE\r\n\r\nhello";
        Assert.Equal("hello", Encoding.ASCII.GetString(Parse(text).Body.Span));
        Assert.Equal(SipRejectionReason.MissingContentLength, Rejection(text, SipTransportFraming.Stream));
    }

    [Theory]
    [InlineData("Content-Length: 10\r\n", "short", SipRejectionReason.ContentLengthMismatch)]
    [InlineData("Content-Length: 99999999999\r\n", "x", SipRejectionReason.InvalidContentLength)]
    [InlineData("Content-Length: -1\r\n", "x", SipRejectionReason.InvalidContentLength)]
    [InlineData("Content-Length: 1e3\r\n", "x", SipRejectionReason.InvalidContentLength)]
    [InlineData("Content-Length: 1\r\nl: 1\r\n", "x", SipRejectionReason.DuplicateHeader)]
    public void Content_length_is_never_trusted(string header, string body, SipRejectionReason expected)
    {
        var text = $"MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKa\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 MESSAGE\r\n{header}\r\n{body}";
        Assert.Equal(expected, Rejection(text));
        Assert.Equal(expected, Rejection(text, SipTransportFraming.Stream));
    }

    [Fact]
    public void A_second_message_cannot_hide_behind_a_short_content_length_on_a_stream()
    {
        const string smuggled = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKa\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\nCall-ID: x\r\nCSeq: 2 MESSAGE\r\nContent-Length: 0\r\n\r\n" +
            "BYE sip:a@b SIP/2.0\r\n";
        Assert.Equal(SipRejectionReason.ContentLengthMismatch, Rejection(smuggled, SipTransportFraming.Stream));
        // On a datagram the extra octets are discarded, never parsed (§18.3).
        var m = Parse(smuggled);
        Assert.Equal("MESSAGE", m.Method);
        Assert.Equal(0, m.Body.Length);
    }

    [Fact]
    public void Oversized_messages_are_rejected_before_parsing()
    {
        var text = Invite + new string('x', 100);
        var e = Assert.Throws<SipRejectedException>(() => SipParser.Parse(Encoding.ASCII.GetBytes(text), SipTransportFraming.Datagram, maxMessageSize: 200));
        Assert.Equal(SipRejectionReason.MessageTooLarge, e.Reason);
        Assert.Equal(513, e.StatusCode);
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0\nVia: x\r\n\r\n", SipRejectionReason.BareLineFeed)]
    [InlineData("INVITE sip:a@b SIP/3.0\r\n\r\n", SipRejectionReason.UnsupportedVersion)]
    [InlineData("INVITE sip:a@b HTTP/1.1\r\n\r\n", SipRejectionReason.MalformedStartLine)]
    [InlineData("INVITE  sip:a@b SIP/2.0\r\n\r\n", SipRejectionReason.MalformedStartLine)]
    [InlineData("INVITE noscheme SIP/2.0\r\n\r\n", SipRejectionReason.MalformedRequestUri)]
    [InlineData("SIP/2.0 99 Low\r\n\r\n", SipRejectionReason.InvalidStatusCode)]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n", SipRejectionReason.InvalidStatusCode)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n continuation first\r\n\r\n", SipRejectionReason.MalformedHeader)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n", SipRejectionReason.MalformedHeader)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", SipRejectionReason.HeadersNotTerminated)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n", SipRejectionReason.MissingRequiredHeader)]
    public void Structural_errors_have_a_reason(string text, SipRejectionReason expected) => Assert.Equal(expected, Rejection(text));

    [Fact]
    public void Too_many_headers_are_refused()
    {
        var text = "OPTIONS sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-A: 1\r\n", 200)) + "\r\n";
        Assert.Equal(SipRejectionReason.TooManyHeaders, Rejection(text));
    }

    [Fact]
    public void Leading_crlf_keepalives_are_ignored()
    {
        var m = Parse("\r\n\r\n" + Invite);
        Assert.Equal("INVITE", m.Method);
    }

    [Fact]
    public void Header_values_are_not_materialized_until_read()
    {
        var bytes = Encoding.ASCII.GetBytes(Invite);
        var m = SipParser.Parse(bytes, SipTransportFraming.Datagram);
        // The message keeps the caller's buffer: change an octet of Call-ID and the value read reflects it.
        var at = Invite.IndexOf("a84b4c76", StringComparison.Ordinal);
        bytes[at] = (byte)'Z';
        Assert.StartsWith("Z84b4c76", m.CallId, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_round_trips_and_writes_content_length_itself()
    {
        var request = SipParser.Parse(Encoding.ASCII.GetBytes(Invite), SipTransportFraming.Datagram);
        var response = SipMessageBuilder.ResponseTo(request, 200, toTag: "abc")
            .Add(SipHeaderId.Contact, "<sip:bob@192.0.2.4>")
            .WithBody("application/sdp", "v=0\r\n"u8.ToArray())
            .Build();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("abc", response.To.Tag);
        Assert.Equal("1928301774", response.From.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal(request.TopVia.Branch, response.TopVia.Branch);
        Assert.Equal(5, response.ContentLength);
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.Response(200).Add("X-Evil", "a\r\nVia: injected"));
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.Response(200).Add("Content-Length", "0"));
    }
}
