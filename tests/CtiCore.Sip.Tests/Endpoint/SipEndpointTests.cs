using System.Globalization;
using System.Text;
using CtiCore.Sip.Authentication;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Endpoint;

public sealed class SipEndpointTests
{
    private static byte[] Request(string method, string uri = "sip:uas@127.0.0.1", string branch = "z9hG4bKe1", long cseq = 1, string to = "<sip:uas@127.0.0.1>", params string[] extra)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {uri} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:40000;branch={branch}\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: <sip:alice@127.0.0.1>;tag=a1\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append("Call-ID: call-e1\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n")
            .Append("Contact: <sip:alice@127.0.0.1:40000>\r\n");
        foreach (var header in extra)
        {
            text.Append(header).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.Append("Content-Length: 0\r\n\r\n").ToString());
    }

    [Fact]
    public void Options_is_answered_with_what_we_allow_and_accept()
    {
        var e = new TestEndpoint();
        e.Receive(Request("OPTIONS"));
        var ok = Assert.Single(e.FinalResponses());
        Assert.Equal(200, ok.StatusCode);
        Assert.Contains("INVITE", ok.GetHeader(SipHeaderId.Allow), StringComparison.Ordinal);
        Assert.Equal("application/sdp", ok.GetHeader(SipHeaderId.Accept));
        Assert.NotNull(ok.To.Tag);
    }

    [Fact]
    public void Register_is_challenged_then_accepted_for_the_right_user_only()
    {
        var e = new TestEndpoint(passwordFor: user => user == "alice" ? "pw" : null, configure: o =>
        {
            o.DigestAlgorithms.Clear();
            o.DigestAlgorithms.Add("SHA-256");
            o.DigestAlgorithms.Add("MD5");
        });
        var to = "<sip:alice@127.0.0.1>";
        e.Receive(Request("REGISTER", "sip:127.0.0.1", to: to));
        var challenge = Assert.Single(e.FinalResponses());
        Assert.Equal(401, challenge.StatusCode);
        var offered = challenge.GetHeaderLines(SipHeaderId.WwwAuthenticate);
        Assert.Equal(2, offered.Count);
        Assert.Contains("algorithm=SHA-256", offered[0], StringComparison.Ordinal);

        var authorization = SipDigestClient.Authorize(offered[0], "REGISTER", "sip:127.0.0.1", "alice", "pw");
        e.Receive(Request("REGISTER", "sip:127.0.0.1", branch: "z9hG4bKe2", cseq: 2, to: to, $"Authorization: {authorization}"));
        Assert.Equal(200, e.FinalResponses()[1].StatusCode);
        Assert.Single(e.Endpoint.Registrar.GetBindings("sip:alice@127.0.0.1"));

        // Alice's credentials do not let her register bob (§10.3 step 4).
        e.Receive(Request("REGISTER", "sip:127.0.0.1", branch: "z9hG4bKe3", cseq: 3, to: "<sip:bob@127.0.0.1>", $"Authorization: {authorization}"));
        Assert.Equal(403, e.FinalResponses()[2].StatusCode);
    }

    [Fact]
    public void By_default_register_is_challenged_with_md5_alone_so_common_softphones_can_answer()
    {
        var e = new TestEndpoint(passwordFor: user => user == "alice" ? "pw" : null);
        e.Receive(Request("REGISTER", "sip:127.0.0.1", to: "<sip:alice@127.0.0.1>"));
        var challenge = Assert.Single(e.FinalResponses());
        var offered = Assert.Single(challenge.GetHeaderLines(SipHeaderId.WwwAuthenticate));
        Assert.Contains("algorithm=MD5", offered, StringComparison.Ordinal);
    }

    [Fact]
    public void Invite_200_is_retransmitted_until_the_ack_and_the_ack_reaches_the_handler()
    {
        var e = new TestEndpoint();
        e.Receive(Request("INVITE"));
        Assert.Equal([100, 180, 200], e.Sent.Select(m => m.StatusCode));
        // §13.3.1.4: T1, 2T1, 4T1 … until the ACK.
        e.Time.Advance(TimeSpan.FromMilliseconds(500));
        e.Time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(3, e.Sent.Count(m => m.StatusCode == 200));
        Assert.All(e.Sent, m => Assert.Equal(e.Sent.First().GetHeader(SipHeaderId.Via), m.GetHeader(SipHeaderId.Via)));
        e.Receive(Request("ACK", branch: "z9hG4bKack", to: $"<sip:uas@127.0.0.1>;tag={e.Sent.Last().To.Tag}"));
        e.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, e.Sent.Count(m => m.StatusCode == 200));
        Assert.Single(((AnsweringHandler)e.Handler).Acks);
    }

    [Fact]
    public void A_retransmitted_invite_is_absorbed_by_its_transaction()
    {
        var e = new TestEndpoint(handler: new AnsweringHandler { AnswerInvites = false });
        e.Receive(Request("INVITE"));
        e.Receive(Request("INVITE"));
        Assert.Equal([100, 180, 180], e.Sent.Select(m => m.StatusCode));
    }

    [Fact]
    public void A_retransmitted_invite_after_its_200_is_absorbed_not_taken_for_a_new_request()
    {
        var handler = new CountingHandler();
        var e = new TestEndpoint(handler: handler);
        e.Receive(Request("INVITE"));
        Assert.Equal([100, 180, 200], e.Sent.Select(m => m.StatusCode));

        // The UAC heard nothing yet and retransmits (RFC 6026 §8.5: absorbed while the 200 awaits its ACK).
        e.Receive(Request("INVITE"));
        Assert.Equal([100, 180, 200], e.Sent.Select(m => m.StatusCode));
        Assert.Equal(1, handler.Invites);

        // The same Call-ID and CSeq from another branch is not a retransmission: it is handled as a request.
        e.Receive(Request("INVITE", branch: "z9hG4bKother"));
        Assert.Equal(2, handler.Invites);
    }

    private sealed class CountingHandler : ISipRequestHandler
    {
        private readonly AnsweringHandler _inner = new();

        public int Invites { get; private set; }

        public void OnRequest(SipServerRequest request)
        {
            Invites += request.Message.Method == SipMethod.Invite ? 1 : 0;
            _inner.OnRequest(request);
        }

        public void OnAck(SipMessage ack, SipRemote remote) => _inner.OnAck(ack, remote);

        public void OnCancelled(SipServerRequest invite) => _inner.OnCancelled(invite);
    }

    [Fact]
    public void Cancel_gets_200_and_the_invite_487_and_the_handler_hears_of_it()
    {
        var handler = new AnsweringHandler();
        var e = new TestEndpoint(handler: handler);
        e.Receive(Request("INVITE", uri: "sip:cancel@127.0.0.1"));
        e.Receive(Request("CANCEL", uri: "sip:cancel@127.0.0.1"));
        var finals = e.FinalResponses();
        Assert.Contains(finals, m => m.StatusCode == 200 && m.CSeq.Method == "CANCEL");
        Assert.Contains(finals, m => m.StatusCode == 487 && m.CSeq.Method == "INVITE");
        Assert.Single(handler.Cancelled);
        // A CANCEL for nothing gets 481.
        e.Receive(Request("CANCEL", uri: "sip:cancel@127.0.0.1", branch: "z9hG4bKnone"));
        Assert.Equal(481, e.FinalResponses().Last().StatusCode);
    }

    [Fact]
    public void Garbage_is_dropped_and_unparseable_requests_get_400_without_failures()
    {
        var e = new TestEndpoint();
        e.Receive(Encoding.ASCII.GetBytes("\u0001\u0002 garbage"));
        e.Receive([]);
        Assert.Empty(e.Sent);
        var broken = Encoding.ASCII.GetString(Request("OPTIONS")).Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal);
        e.Receive(Encoding.ASCII.GetBytes(broken));
        Assert.Equal(400, Assert.Single(e.FinalResponses()).StatusCode);
        Assert.Empty(e.Failures);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKv1", null)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKv1;rport", "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKv1;rport=40000;received=127.0.0.1")]
    [InlineData("SIP/2.0/UDP phone.example.com;branch=z9hG4bKv1", "SIP/2.0/UDP phone.example.com;branch=z9hG4bKv1;received=127.0.0.1")]
    [InlineData("SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKv1", "SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKv1;received=127.0.0.1")]
    public void Responses_carry_received_and_rport_when_the_sender_is_not_where_it_says(string via, string? expected)
    {
        // RFC 3261 §18.2.1 and RFC 3581 §4 (the test peer sends from 127.0.0.1:40000).
        var e = new TestEndpoint();
        var text = Encoding.ASCII.GetString(Request("OPTIONS")).Replace("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKe1", via, StringComparison.Ordinal);
        e.Receive(Encoding.ASCII.GetBytes(text));
        var ok = Assert.Single(e.FinalResponses());
        Assert.Equal(expected ?? via, ok.GetHeader(SipHeaderId.Via));
    }

    [Fact]
    public void Max_forwards_zero_on_an_invite_is_483()
    {
        var e = new TestEndpoint();
        e.Receive(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Request("INVITE")).Replace("Max-Forwards: 70", "Max-Forwards: 0", StringComparison.Ordinal)));
        Assert.Equal(483, Assert.Single(e.FinalResponses()).StatusCode);
    }
}
