using System.Globalization;
using System.Security.Cryptography;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Tests.Support;

/// <summary>One archived torture message and what the RFC (and so our endpoint) should do with it; see MANIFEST.tsv.</summary>
/// <param name="File">The name the RFC's archive gives the message (RFC 4475 without its ".dat").</param>
/// <param name="Parse">Null when a datagram parse accepts it, else the rejection reason.</param>
/// <param name="Status">The endpoint's final answer; null when it must not answer.</param>
internal sealed record TortureCase(string File, string Section, string Verdict, SipRejectionReason? Parse, int? Status, string RfcExpects);

/// <summary>The RFC 4475 and RFC 5118 messages exactly as decoded from the RFCs' Appendix A archives (tools/sip).</summary>
internal static class TestVectors
{
    public static string Directory(string set) => Path.Combine(AppContext.BaseDirectory, "TestData", "sip", set);

    public static byte[] Rfc4475(string name) => File.ReadAllBytes(Path.Combine(Directory("rfc4475"), name + ".dat"));

    /// <summary>An RFC 5118 message as archived: every line ends with a bare LF.</summary>
    public static byte[] Rfc5118(string name) => File.ReadAllBytes(Path.Combine(Directory("rfc5118"), name));

    /// <summary>
    /// The RFC 5118 message framed as RFC 3261 §7 requires: the line ends of its start line and headers made CRLF, and
    /// the empty line that closes the header section added where the archived file ends without one (2 of the 12).
    /// The body is left as archived (its Content-Length was computed on it).
    /// </summary>
    public static byte[] Rfc5118Framed(string name)
    {
        var archived = Rfc5118(name);
        var output = new List<byte>(archived.Length + 32);
        var i = 0;
        var headerSectionClosed = false;
        for (; i < archived.Length; i++)
        {
            if (archived[i] == '\n')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
                if (i > 0 && archived[i - 1] == '\n')
                {
                    i++;
                    headerSectionClosed = true;
                    break;
                }
                continue;
            }
            output.Add(archived[i]);
        }
        if (!headerSectionClosed)
        {
            output.Add((byte)'\r');
            output.Add((byte)'\n');
        }
        output.AddRange(archived.AsSpan(i));
        return [.. output];
    }

    /// <summary>The hand-written manifest of a set: one row per archived message.</summary>
    public static IReadOnlyList<TortureCase> Manifest(string set) =>
        [.. File.ReadLines(Path.Combine(Directory(set), "MANIFEST.tsv"))
            .Where(line => line.Length != 0 && !line.StartsWith('#'))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Select(f => new TortureCase(
                f[0],
                f[1],
                f[2],
                f[3] == "accepted" ? null : Enum.Parse<SipRejectionReason>(f[3]),
                f[4] == "none" ? null : int.Parse(f[4], CultureInfo.InvariantCulture),
                f[5]))];

    public static TortureCase Case(string set, string file) => Manifest(set).Single(c => c.File == file);

    public static TheoryData<string> ManifestFiles(string set) => new(Manifest(set).Select(c => c.File));

    /// <summary>SHA256SUMS as the decoder wrote it: archive file name → lower-case hex digest.</summary>
    public static IReadOnlyDictionary<string, string> RecordedSha256(string set) =>
        File.ReadLines(Path.Combine(Directory(set), "SHA256SUMS"))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(f => f[1], f => f[0], StringComparer.Ordinal);

    public static string Sha256Of(string set, string file) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Directory(set), file))));
}
