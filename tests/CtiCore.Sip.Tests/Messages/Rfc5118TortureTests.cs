using System.Text;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Messages;

/// <summary>
/// Every RFC 5118 (IPv6) torture message as decoded from the RFC's Appendix A archive
/// (tools/sip/import-rfc-torture-archives.sh), with the outcome tests/TestData/sip/rfc5118/MANIFEST.tsv records.
/// The archive ends every line with a bare LF, which RFC 3261 §7 does not allow and our parser refuses; the RFC's
/// IPv6 cases are therefore checked on the same bytes framed as RFC 3261 requires: CRLF line ends in the header
/// section, and the closing empty line where the archived file lacks it.
/// </summary>
public sealed class Rfc5118TortureTests
{
    public static TheoryData<string> Messages => TestVectors.ManifestFiles("rfc5118");

    [Fact]
    public void Every_archived_file_is_intact_and_has_exactly_one_manifest_row()
    {
        var recorded = TestVectors.RecordedSha256("rfc5118");
        foreach (var (file, sha256) in recorded)
        {
            Assert.Equal(sha256, TestVectors.Sha256Of("rfc5118", file));
        }
        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), TestVectors.Manifest("rfc5118").Select(c => c.File).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void As_archived_the_bare_line_feeds_are_refused_and_nothing_breaks(string name)
    {
        var archived = TestVectors.Rfc5118(name);
        Assert.DoesNotContain((byte)'\r', archived);
        Assert.False(SipParser.TryParse(archived, SipTransportFraming.Datagram, out _, out var rejection));
        Assert.Equal(SipRejectionReason.BareLineFeed, rejection!.Reason);

        var endpoint = new TestEndpoint();
        endpoint.Receive(archived);
        Assert.Empty(endpoint.Failures);
        Assert.DoesNotContain(endpoint.FinalResponses(), r => r.StatusCode < 400);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Framing_changes_only_header_line_ends_and_a_missing_closing_line(string name)
    {
        var archived = TestVectors.Rfc5118(name);
        var framed = TestVectors.Rfc5118Framed(name);
        var headerEnd = framed.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        Assert.True(headerEnd >= 4, "the framed message has a closed header section");
        var archivedHeaderEnd = archived.AsSpan().IndexOf("\n\n"u8);
        if (archivedHeaderEnd < 0)
        {
            // The archived file ends right after its last header line: only the closing empty line was added.
            Assert.Equal(framed.Length, headerEnd);
            Assert.Equal(archived, framed[..^2].Where(b => b != '\r'));
        }
        else
        {
            Assert.Equal(archived, framed.Where(b => b != '\r'));
            Assert.Equal(archived.AsSpan(archivedHeaderEnd + 2).ToArray(), framed.AsSpan(headerEnd).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Datagram_parse_gives_the_expected_outcome(string name)
    {
        TortureAssert.DatagramParseGives(TestVectors.Rfc5118Framed(name), TestVectors.Case("rfc5118", name).Parse);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Endpoint_answers_as_the_rfc_expects(string name)
    {
        var status = TestVectors.Case("rfc5118", name).Status;
        var endpoint = new TestEndpoint();
        endpoint.Receive(TestVectors.Rfc5118Framed(name));
        Assert.Empty(endpoint.Failures);
        if (status is null)
        {
            Assert.Empty(endpoint.Sent);
        }
        else
        {
            Assert.Equal(status, Assert.Single(endpoint.FinalResponses()).StatusCode);
        }
    }

    [Theory]
    [InlineData("ipv6-in-sdp")]
    [InlineData("mult-ip-in-sdp")]
    public void The_two_sdp_messages_declare_more_body_than_the_archive_holds(string name)
    {
        // Why the manifest expects a rejection for two messages the RFC calls valid: computed, not assumed.
        var framed = TestVectors.Rfc5118Framed(name);
        var headerEnd = framed.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        var relaxed = SipParser.ParseForErrorResponse(framed)!;
        var declared = int.Parse(relaxed.GetHeader(SipHeaderId.ContentLength)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(declared > framed.Length - headerEnd, $"{name}: Content-Length {declared}, body {framed.Length - headerEnd}");
    }

    [Fact]
    public void Ipv6_references_are_read_where_the_rfc_puts_them()
    {
        // §4.1: Request-URI, Via sent-by and Contact.
        var good = Parse("ipv6-good");
        Assert.Equal("[2001:db8::10]", good.RequestUri.Host);
        Assert.Equal("[2001:db8::9:1]", good.TopVia.Host);
        Assert.Equal("[2001:db8::1]", good.Contacts[0].Uri!.Host);

        // §4.2: no brackets in the Request-URI.
        Assert.Equal(SipRejectionReason.MalformedRequestUri, Assert.Throws<SipRejectedException>(() => Parse("ipv6-bad").RequestUri).Reason);

        // §4.3 and §4.4: a port inside the brackets is part of the address; outside it is the port.
        var ambiguous = Parse("port-ambiguous");
        Assert.Equal("[2001:db8::10:5070]", ambiguous.RequestUri.Host);
        Assert.Null(ambiguous.RequestUri.Port);
        var unambiguous = Parse("port-unambiguous");
        Assert.Equal("[2001:db8::10]", unambiguous.RequestUri.Host);
        Assert.Equal(5070, unambiguous.RequestUri.Port);
    }

    [Fact]
    public void Via_received_is_read_with_and_without_brackets()
    {
        // §4.5: both forms must be accepted, and processing goes on with the branch.
        var withDelimiters = Parse("via-received-param-with-delim").TopVia;
        Assert.Equal("[2001:db8::9:255]", withDelimiters.Received);
        Assert.Equal("z9hG4bKas3-111", withDelimiters.Branch);
        var withoutDelimiters = Parse("via-received-param-no-delim").TopVia;
        Assert.Equal("2001:db8::9:255", withoutDelimiters.Received);
        Assert.Equal("z9hG4bKas3", withoutDelimiters.Branch);
    }

    [Fact]
    public void Mixed_and_mapped_addresses_in_via_lists_and_contacts()
    {
        // §4.7: IPv6, IPv4 and IPv6 again in one Via list.
        Assert.Equal(["[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]"], Parse("mult-ip-in-header").Vias.Select(v => v.Host));

        // §4.9: IPv4-mapped IPv6 addresses, the top Via with its port outside the brackets.
        var mapped = Parse("ipv4-mapped-ipv6");
        Assert.Equal(["[::ffff:192.0.2.10]", "[::ffff:192.0.2.2]"], mapped.Vias.Select(v => v.Host));
        Assert.Equal(19823, mapped.TopVia.Port);
        Assert.Equal("[::ffff:192.0.2.2]", mapped.Contacts[0].Uri!.Host);
        Assert.Contains("c=IN IP6 ::ffff:192.0.2.2", Encoding.ASCII.GetString(mapped.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfc_3261_abnf_three_colon_form_is_tolerated_like_the_correct_one()
    {
        // §4.10: "[2001:db8:::192.0.2.1]" must be tolerated; the text is kept as sent.
        Assert.Equal("[2001:db8:::192.0.2.1]", Parse("ipv6-bug-abnf-3-colons").RequestUri.Host);
        Assert.Equal("[2001:db8::192.0.2.1]", Parse("ipv6-correct-abnf-2-colons").RequestUri.Host);
    }

    private static SipMessage Parse(string name) => SipParser.Parse(TestVectors.Rfc5118Framed(name), SipTransportFraming.Datagram);
}
