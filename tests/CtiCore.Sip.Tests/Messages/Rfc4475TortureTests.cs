using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Messages;

/// <summary>
/// Every RFC 4475 torture message, byte for byte as decoded from the RFC's Appendix A archive
/// (tools/sip/import-rfc-torture-archives.sh): what the parser makes of it (accepted, or the rejection reason) and
/// what the endpoint answers, as tests/TestData/sip/rfc4475/MANIFEST.tsv records from the RFC's text.
/// </summary>
public sealed class Rfc4475TortureTests
{
    public static TheoryData<string> Messages => TestVectors.ManifestFiles("rfc4475");

    [Fact]
    public void Every_archived_file_is_intact_and_has_exactly_one_manifest_row()
    {
        var recorded = TestVectors.RecordedSha256("rfc4475");
        foreach (var (file, sha256) in recorded)
        {
            Assert.Equal(sha256, TestVectors.Sha256Of("rfc4475", file));
        }
        var archived = recorded.Keys.Select(f => f.EndsWith(".dat", StringComparison.Ordinal) ? f[..^4] : f).Order(StringComparer.Ordinal);
        Assert.Equal(archived, TestVectors.Manifest("rfc4475").Select(c => c.File).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Manifest_outcome_agrees_with_the_rfc_verdict(string name)
    {
        var c = TestVectors.Case("rfc4475", name);
        if (c.Verdict == "invalid")
        {
            Assert.True(c.Status is null or 400 or 505, $"{name}: an invalid message is refused or dropped");
        }
        else if (c.Verdict == "valid")
        {
            Assert.Null(c.Parse);
            Assert.NotEqual(400, c.Status);
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Datagram_parse_gives_the_expected_outcome(string name)
    {
        TortureAssert.DatagramParseGives(TestVectors.Rfc4475(name), TestVectors.Case("rfc4475", name).Parse);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Endpoint_answers_as_the_rfc_expects(string name)
    {
        var status = TestVectors.Case("rfc4475", name).Status;
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
    [MemberData(nameof(Messages))]
    public void Stream_framer_gives_the_same_outcome_at_every_split(string name)
    {
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
