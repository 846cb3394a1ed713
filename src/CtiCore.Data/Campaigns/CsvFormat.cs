using System.Text;

namespace CtiCore.Data.Campaigns;

/// <summary>
/// What a dial-list file is written in, guessed from its first 64 KiB: UTF-8 (with or without a byte-order
/// mark) or Windows-1251 (what Russian Excel saves as "CSV"), and the separator of the header line among
/// ';' (Excel in locales with a decimal comma), ',' and tab.
/// </summary>
internal sealed record CsvFormat(Encoding? Encoding, string EncodingName, char Separator)
{
    private const int SniffBytes = 64 * 1024;
    private static readonly char[] Separators = [';', ',', '\t'];

    static CsvFormat() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    /// <summary>Sniffs <paramref name="input"/> and returns the format and a stream that reads it from its start.</summary>
    public static async Task<(CsvFormat Format, Stream Content)> DetectAsync(Stream input, CancellationToken cancellationToken)
    {
        var prefix = new byte[SniffBytes];
        var length = 0;
        while (length < prefix.Length)
        {
            var read = await input.ReadAsync(prefix.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var content = new ReplayStream(prefix, length, input);
        var bytes = prefix.AsSpan(0, length);
        if (length == 0)
        {
            throw new DialListImportException("The file is empty.");
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            throw new DialListImportException("This is an Excel workbook (.xlsx), not CSV: save it as \"CSV UTF-8\" or \"CSV (semicolon delimited)\" and import that.");
        }

        Encoding? encoding;
        string name;
        int bomLength;
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            (encoding, name, bomLength) = (null, "UTF-8 with BOM", 3);
        }
        else if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            // CsvHelper honours UTF-16 byte-order marks itself.
            (encoding, name, bomLength) = (null, "UTF-16", 2);
        }
        else if (bytes.Contains((byte)0))
        {
            throw new DialListImportException("The file contains NUL bytes: it is binary or UTF-16 without a byte-order mark. Save it as CSV in UTF-8 or Windows-1251.");
        }
        else if (IsUtf8(bytes, complete: length < SniffBytes))
        {
            (encoding, name, bomLength) = (null, "UTF-8", 0);
        }
        else
        {
            // Not UTF-8: every byte sequence is valid Windows-1251, the single-byte code page Russian Windows saves in.
            (encoding, name, bomLength) = (Windows1251, "Windows-1251", 0);
        }

        var text = (encoding ?? (name == "UTF-16" ? Encoding.Unicode : Encoding.UTF8)).GetString(bytes[bomLength..]);
        return (new CsvFormat(encoding, name, DetectSeparator(text)), content);
    }

    /// <summary>
    /// UTF-8 when its multi-byte sequences outnumber the invalid bytes: Windows-1251 Cyrillic almost never forms
    /// a valid sequence, while a UTF-8 file with one pasted-in 1251 row still does overwhelmingly. That row is
    /// then rejected by the importer, not the whole file misread.
    /// </summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        int valid = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData && !complete)
            {
                break; // the sniffed window cut a character in two
            }

            if (status == System.Buffers.OperationStatus.Done)
            {
                valid += rune.Value > 0x7F ? 1 : 0;
            }
            else
            {
                invalid++;
            }

            bytes = bytes[Math.Max(consumed, 1)..];
        }

        return invalid == 0 || valid > invalid;
    }

    /// <summary>The candidate found most often in the header line outside quotes; ',' when none is (a one-column file).</summary>
    private static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        var counts = new int[Separators.Length];
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            var i = Array.IndexOf(Separators, c);
            if (!quoted && i >= 0)
            {
                counts[i]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return counts[best] == 0 ? ',' : Separators[best];
    }
}
