using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Messages;

/// <summary>
/// Mutates the RFC 4475 and RFC 5118 corpora a fixed number of times with a fixed seed (reproducible, no wall clock) and checks
/// that nothing but <see cref="SipRejectedException"/> ever leaves the parser, the typed accessors, the screening,
/// the stream framer or the endpoint.
/// </summary>
public sealed class SipParserFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly byte[][] Corpus =
    [
        .. TestVectors.Manifest("rfc4475").Select(c => TestVectors.Rfc4475(c.File)),
        .. TestVectors.Manifest("rfc5118").Select(c => TestVectors.Rfc5118Framed(c.File)),
    ];

    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "\r\n\r\n"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), ":"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(),
        "<"u8.ToArray(), ">"u8.ToArray(), "\""u8.ToArray(), "\\"u8.ToArray(), "%"u8.ToArray(), "%0"u8.ToArray(), "@"u8.ToArray(), "["u8.ToArray(),
        "]"u8.ToArray(), "="u8.ToArray(), "Content-Length: 99999\r\n"u8.ToArray(), "l: -1\r\n"u8.ToArray(), "Via: SIP/2.0/UDP [::1\r\n"u8.ToArray(),
        "\0"u8.ToArray(), [0xFF, 0xFE], "SIP/2.0 "u8.ToArray(), "Contact: *\r\n"u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray(),
    ];

    [Fact]
    public void Mutated_corpus_never_throws_anything_but_the_rejection()
    {
        var random = new Random(4475);
        var endpoint = new TestEndpoint();
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(Corpus[random.Next(Corpus.Length)], random);
            foreach (var framing in new[] { SipTransportFraming.Datagram, SipTransportFraming.Stream })
            {
                try
                {
                    var message = SipParser.Parse(input, framing);
                    accepted++;
                    Touch(message);
                }
                catch (SipRejectedException)
                {
                }
            }
            _ = SipParser.ParseForErrorResponse(input);
            var (_, _) = FramerDriver.Run(input, [random.Next(input.Length + 1)]);
            endpoint.Receive(input);
        }
        // The mutations must not be so destructive that nothing parses, or the typed accessors go untested.
        Assert.InRange(accepted, Iterations / 10, 2 * Iterations);
        Assert.Empty(endpoint.Failures);
    }

    private static void Touch(SipMessage message)
    {
        Try(() => message.Method);
        Try(() => message.IsRequest ? message.RequestUri.Host : message.ReasonPhrase);
        Try(() => message.From.Tag);
        Try(() => message.To.Uri?.AddressOfRecord);
        Try(() => message.Vias.Count);
        Try(() => message.CSeq.Number);
        Try(() => message.Contacts.Count);
        Try(() => message.MaxForwards);
        Try(() => message.Expires);
        Try(() => message.CallId);
        for (var h = 0; h < message.HeaderCount; h++)
        {
            Try(() => message.GetHeaderName(h) + message.GetHeaderValue(h));
        }
        if (message.IsRequest)
        {
            Try(() => SipRequestScreening.Screen(message, "t")?.ToBytes());
        }
    }

    private static void Try<T>(Func<T> read)
    {
        try
        {
            _ = read();
        }
        catch (SipRejectedException)
        {
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8)));
                    break;
                case 2:
                    data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    var from = random.Next(data.Count);
                    var length = Math.Min(data.Count - from, 1 + random.Next(64));
                    data.InsertRange(at, data.GetRange(from, length));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data[at] = (byte)(data[at] ^ (1 << random.Next(8)));
                    break;
            }
        }
        return [.. data];
    }
}
