using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Benchmarks;

/// <summary>
/// Parse throughput and allocations per message for a typical INVITE (with SDP) and REGISTER, against the naive
/// string parser over the same bytes. "Fields" variants also read what a transaction layer reads on every message
/// (Call-ID, CSeq, top Via branch, From tag), which is where the span parser starts materializing strings.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SipParsingBenchmarks
{
    internal static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:+4930123456@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK8a1c0;received=198.51.100.7\r\n" +
        "Max-Forwards: 69\r\n" +
        "From: \"Trunk Caller\" <sip:+4989765432@trunk.example.net>;tag=9fxced76sl\r\n" +
        "To: <sip:+4930123456@pbx.example.com>\r\n" +
        "Call-ID: 3848276298220188511@trunk.example.net\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:+4989765432@198.51.100.7:5060;transport=udp>\r\n" +
        "Record-Route: <sip:192.0.2.10;lr>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: ExampleTrunk/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 221\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=- 1234567890 1234567890 IN IP4 198.51.100.7\r\n" +
        "s=-\r\n" +
        "c=IN IP4 198.51.100.7\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n");

    internal static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:127.0.0.1 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:agent101@127.0.0.1>\r\n" +
        "From: <sip:agent101@127.0.0.1>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:agent101@127.0.0.1:5062;transport=udp>;expires=3600\r\n" +
        "Authorization: Digest username=\"agent101\", realm=\"cticore\", nonce=\"AAABjK0yPqJ3b2xvbG9sb2xvbG9sb2xv\", uri=\"sip:127.0.0.1\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"\r\n" +
        "User-Agent: baresip v3.0\r\n" +
        "Expires: 3600\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("INVITE")]
    public int Invite_naive_string_parser() => NaiveFields(Invite);

    [Benchmark]
    [BenchmarkCategory("INVITE")]
    public int Invite_span_parser() => SipParser.Parse(Invite, SipTransportFraming.Datagram).HeaderCount;

    [Benchmark]
    [BenchmarkCategory("INVITE")]
    public int Invite_span_parser_with_fields() => SpanFields(Invite);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("REGISTER")]
    public int Register_naive_string_parser() => NaiveFields(Register);

    [Benchmark]
    [BenchmarkCategory("REGISTER")]
    public int Register_span_parser() => SipParser.Parse(Register, SipTransportFraming.Datagram).HeaderCount;

    [Benchmark]
    [BenchmarkCategory("REGISTER")]
    public int Register_span_parser_with_fields() => SpanFields(Register);

    internal static int NaiveFields(byte[] bytes)
    {
        var (_, headers, body) = NaiveStringParser.Parse(bytes);
        var callId = headers["Call-ID"][0];
        var cseq = headers["CSeq"][0].Split(' ');
        var branch = headers["Via"][0].Split(";branch=")[1].Split(';')[0];
        var tag = headers["From"][0].Split(";tag=")[1];
        return callId.Length + cseq[1].Length + branch.Length + tag.Length + body.Length;
    }

    internal static int SpanFields(byte[] bytes)
    {
        var m = SipParser.Parse(bytes, SipTransportFraming.Datagram);
        return m.CallId.Length + m.CSeq.Method.Length + m.TopVia.Branch!.Length + m.From.Tag!.Length + m.Body.Length;
    }
}
