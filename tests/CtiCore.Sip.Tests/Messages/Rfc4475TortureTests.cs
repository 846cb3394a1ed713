using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Messages;

/// <summary>
/// Every RFC 4475 torture message, byte for byte from its archive: what the parser makes of it (accepted, or the
/// rejection reason), and what the endpoint answers (the RFC's expected response, or nothing for responses and
/// for what cannot be addressed).
/// </summary>
public sealed class Rfc4475TortureTests
{
    /// <summary>file → (datagram parse: null = accepted, else reason; endpoint's final status: null = no answer).</summary>
    public static readonly TheoryData<string, SipRejectionReason?, int?> Expectations = new()
    {
        // §3.1.1 Valid messages.
        { "wsinv", null, 200 },
        { "intmeth", null, 405 },           // a valid, unknown method: §8.2.1.
        { "esc01", null, 200 },
        { "escnull", null, 200 },
        { "esc02", null, 405 },             // RE%47IST%45R is not REGISTER: an unknown method.
        { "lwsdisp", null, 200 },
        { "longreq", null, 200 },
        { "dblreq", null, 200 },            // the REGISTER; the trailing INVITE is discarded (§18.3).
        { "semiuri", null, 200 },
        { "transports", null, 200 },
        { "mpart01", null, 405 },           // MESSAGE is valid but not a method we implement.
        { "unreason", null, null },         // responses are never answered.
        { "noreason", null, null },
        // §3.1.2 Invalid messages.
        { "badinv01", null, 400 },          // empty Via/Contact parameters: found when the typed headers are read.
        { "clerr", SipRejectionReason.ContentLengthMismatch, 400 },
        { "ncl", SipRejectionReason.InvalidContentLength, 400 },
        { "scalar02", SipRejectionReason.InvalidCSeq, 400 },
        { "scalarlg", SipRejectionReason.InvalidCSeq, null },
        { "quotbal", null, 400 },
        { "ltgtruri", SipRejectionReason.MalformedRequestUri, 400 },
        { "lwsruri", SipRejectionReason.MalformedStartLine, 400 },
        { "lwsstart", SipRejectionReason.MalformedStartLine, 400 },
        { "trws", SipRejectionReason.MalformedStartLine, 400 },
        { "escruri", null, 400 },
        { "baddate", null, 400 },
        { "regbadct", null, 400 },
        { "badaspec", null, 400 },
        { "baddn", SipRejectionReason.HeadersNotTerminated, 400 }, // this copy lacks the closing empty line; the display name is invalid too.
        { "badvers", SipRejectionReason.UnsupportedVersion, 505 },
        { "mismatch01", SipRejectionReason.InvalidCSeq, 400 },
        { "mismatch02", SipRejectionReason.InvalidCSeq, 400 },
        { "bigcode", SipRejectionReason.InvalidStatusCode, null },
        // §3.2 Transaction layer: a bare magic cookie is accepted and matched the RFC 2543 way.
        { "badbranch", null, 200 },
        // §3.3 Application layer.
        { "insuf", SipRejectionReason.MissingRequiredHeader, 400 },
        { "unkscm", null, 416 },
        { "novelsc", null, 416 },
        { "unksm2", null, 404 },            // REGISTER whose To is no SIP address-of-record (§10.3 step 3).
        { "bext01", null, 420 },
        { "invut", null, 415 },
        { "regaut01", null, 200 },          // unknown Authorization scheme ignored; 401 when auth is on (own test).
        { "multi01", SipRejectionReason.DuplicateHeader, 400 },
        { "mcl01", SipRejectionReason.DuplicateHeader, 400 },
        { "bcast", null, null },
        { "zeromf", null, 200 },            // OPTIONS is answered by us, Max-Forwards 0 or not.
        { "cparam01", null, 200 },
        { "cparam02", null, 200 },
        { "regescrt", null, 200 },
        { "sdp01", null, 406 },
        // §3.4 Backward compatibility.
        { "inv2543", null, 200 },
    };

    [Fact]
    public void The_corpus_holds_all_49_messages_and_each_has_an_expectation()
    {
        var names = TestVectors.Rfc4475Names().ToList();
        Assert.Equal(49, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), Expectations.Select(e => e.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Datagram_parse_gives_the_expected_outcome(string name, SipRejectionReason? reason, int? status)
    {
        _ = status;
        var ok = SipParser.TryParse(TestVectors.Rfc4475(name), SipTransportFraming.Datagram, out var message, out var rejection);
        if (reason is null)
        {
            Assert.True(ok, rejection?.Message);
            Assert.NotNull(message);
        }
        else
        {
            Assert.False(ok);
            Assert.Equal(reason, rejection!.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Endpoint_answers_as_the_rfc_expects(string name, SipRejectionReason? reason, int? status)
    {
        _ = reason;
        var endpoint = new TestEndpoint();
        endpoint.Receive(TestVectors.Rfc4475(name));
        var finals = endpoint.FinalResponses();
        Assert.Empty(endpoint.Failures);
        if (status is null)
        {
            Assert.Empty(endpoint.Sent);
        }
        else
        {
            Assert.Equal(status, Assert.Single(finals).StatusCode);
        }
    }

    [Fact]
    public void Registrar_with_authentication_challenges_an_unknown_scheme()
    {
        // RFC 4475 §3.3.7: the unknown Authorization scheme is ignored and the REGISTER challenged.
        var endpoint = new TestEndpoint(passwordFor: _ => "secret");
        endpoint.Receive(TestVectors.Rfc4475("regaut01"));
        var response = Assert.Single(endpoint.FinalResponses());
        Assert.Equal(401, response.StatusCode);
        Assert.Contains(response.GetHeaderLines(SipHeaderId.WwwAuthenticate), v => v.Contains("algorithm=MD5", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_extension_lists_what_was_required()
    {
        var endpoint = new TestEndpoint();
        endpoint.Receive(TestVectors.Rfc4475("bext01"));
        var response = Assert.Single(endpoint.FinalResponses());
        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", response.GetHeader(SipHeaderId.Unsupported));
    }

    [Fact]
    public void Wsinv_fields_survive_the_whitespace()
    {
        var m = SipParser.Parse(TestVectors.Rfc4475("wsinv"), SipTransportFraming.Datagram);
        Assert.Equal("INVITE", m.Method);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com;unknownparam", m.RequestUriText);
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com", m.To.Uri!.Text);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(new SipCSeq(9, "INVITE"), m.CSeq);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal("UDP", m.Vias[0].Transport);
        Assert.Equal("192.0.2.2", m.Vias[0].Host);
        Assert.Equal("390skdjuw", m.Vias[0].Branch);
        Assert.Equal("TCP", m.Vias[1].Transport);
        Assert.Equal("spindle.example.com", m.Vias[1].Host);
        Assert.Equal("z9hG4bK9ikj8", m.Vias[1].Branch);
        Assert.Equal("192.168.255.111", m.Vias[2].Host);
        Assert.Equal("z9hG4bK30239", m.Vias[2].Branch);
        Assert.Equal("newfangled value continued newfangled value", m.GetHeader("NewFangledHeader"));
        Assert.Equal("Quoted string \"\"", m.Contacts[0].DisplayName);
        Assert.Equal("0.33", m.Contacts[0].Parameters.Get("q"));
        Assert.Equal("newvalue", m.Contacts[0].Parameters.Get("newparam"));
    }

    [Fact]
    public void Escapes_are_checked_and_resolved()
    {
        var esc01 = SipParser.Parse(TestVectors.Rfc4475("esc01"), SipTransportFraming.Datagram);
        Assert.Equal("sips%3Auser%40example.com", esc01.RequestUri.User);
        Assert.Equal("sips:user@example.com", esc01.RequestUri.UnescapedUser);
        Assert.Equal("example.net", esc01.RequestUri.Host);

        var escnull = SipParser.Parse(TestVectors.Rfc4475("escnull"), SipTransportFraming.Datagram);
        Assert.Equal("null-\0-null", escnull.To.Uri!.UnescapedUser);
        Assert.Equal(2, escnull.Contacts.Count);

        var semiuri = SipParser.Parse(TestVectors.Rfc4475("semiuri"), SipTransportFraming.Datagram);
        Assert.Equal("user;par=u%40example.net", semiuri.RequestUri.User);
        Assert.Equal("example.com", semiuri.RequestUri.Host);
    }

    [Fact]
    public void Intmeth_keeps_its_unusual_method_and_uri()
    {
        var m = SipParser.Parse(TestVectors.Rfc4475("intmeth"), SipTransportFraming.Datagram);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal(m.Method, m.CSeq.Method);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
    }

    [Fact]
    public void Dblreq_yields_the_register_and_discards_the_trailing_octets()
    {
        var bytes = TestVectors.Rfc4475("dblreq");
        var m = SipParser.Parse(bytes, SipTransportFraming.Datagram);
        Assert.Equal("REGISTER", m.Method);
        Assert.Equal(0, m.Body.Length);
        Assert.True(m.Bytes.Length < bytes.Length);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId); // compact "I:" form.
    }

    [Fact]
    public void Inv2543_on_a_datagram_takes_the_rest_as_body()
    {
        var bytes = TestVectors.Rfc4475("inv2543");
        var m = SipParser.Parse(bytes, SipTransportFraming.Datagram);
        Assert.False(m.HasHeader(SipHeaderId.ContentLength));
        Assert.True(m.Body.Length > 0);
        Assert.Null(m.From.Tag);
        Assert.False(m.TopVia.HasRfc3261Branch);
        Assert.Null(m.MaxForwards);
    }

    [Fact]
    public void Responses_with_odd_reason_phrases_parse()
    {
        var unreason = SipParser.Parse(TestVectors.Rfc4475("unreason"), SipTransportFraming.Datagram);
        Assert.Equal(200, unreason.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2", unreason.ReasonPhrase, StringComparison.Ordinal);
        var noreason = SipParser.Parse(TestVectors.Rfc4475("noreason"), SipTransportFraming.Datagram);
        Assert.Equal(100, noreason.StatusCode);
        Assert.Equal(string.Empty, noreason.ReasonPhrase);
    }

    [Fact]
    public void Transports_parses_unknown_via_transports()
    {
        var m = SipParser.Parse(TestVectors.Rfc4475("transports"), SipTransportFraming.Datagram);
        Assert.Contains(m.Vias, v => v.Transport == "UNKNOWN");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Stream_framer_gives_the_same_outcome_at_every_split(string name, SipRejectionReason? reason, int? status)
    {
        _ = reason;
        _ = status;
        var bytes = TestVectors.Rfc4475(name);
        var (whole, wholeError) = FramerDriver.Run(bytes, []);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var (split, splitError) = FramerDriver.Run(bytes, [cut]);
            Assert.Equal(wholeError?.Reason, splitError?.Reason);
            Assert.Equal(whole.Count, split.Count);
            for (var i = 0; i < whole.Count; i++)
            {
                Assert.True(whole[i].Bytes.Span.SequenceEqual(split[i].Bytes.Span), $"{name} split at {cut}");
            }
        }
    }

    [Fact]
    public void On_a_stream_dblreq_is_two_messages_then_a_break_and_inv2543_is_refused_for_lack_of_length()
    {
        // On a stream nothing is discarded: the REGISTER, then the INVITE, then the octets past the INVITE's
        // declared body, which are no message and break the connection.
        var (messages, error) = FramerDriver.Run(TestVectors.Rfc4475("dblreq"), []);
        Assert.Equal(["REGISTER", "INVITE"], messages.Select(m => m.Method));
        Assert.Equal(SipRejectionReason.MissingContentLength, error!.Reason);

        var (none, refused) = FramerDriver.Run(TestVectors.Rfc4475("inv2543"), []);
        Assert.Empty(none);
        Assert.Equal(SipRejectionReason.MissingContentLength, refused!.Reason);
    }
}
