using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiCore.Media.Recording;

/// <summary>
/// Where recordings live: <c>&lt;root&gt;/yyyy/MM/dd/&lt;callKey&gt;.opus</c> by the UTC date of the call. A file being
/// written is <c>.&lt;callKey&gt;.opus.partial</c> in the same folder (same filesystem, so the final rename is atomic),
/// hidden and with an extension no player or sweeper takes for a recording.
/// </summary>
public sealed partial class RecordingStorageLayout
{
    public const string Extension = ".opus";
    public const string PartialSuffix = ".partial";

    public RecordingStorageLayout(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>A call key becomes a file name, so only a safe alphabet is accepted (Asterisk ids fit: 1700000000.42).</summary>
    public static string ValidateCallKey(string callKey)
    {
        if (string.IsNullOrEmpty(callKey) || !CallKeyPattern().IsMatch(callKey) || callKey.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Invalid call key '{callKey}': 1–128 characters of A–Z, a–z, 0–9, '.', '_' or '-', starting with a letter or digit.",
                nameof(callKey));
        }

        return callKey;
    }

    public static string RelativePathFor(string callKey, DateTimeOffset recordedAt)
    {
        var utc = recordedAt.UtcDateTime;
        return Path.Combine(
            utc.ToString("yyyy", CultureInfo.InvariantCulture),
            utc.ToString("MM", CultureInfo.InvariantCulture),
            utc.ToString("dd", CultureInfo.InvariantCulture),
            ValidateCallKey(callKey) + Extension);
    }

    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' points outside the recordings root.", nameof(relativePath));
        }

        return full;
    }

    public static string PartialPathFor(string finalPath)
        => Path.Combine(Path.GetDirectoryName(finalPath)!, "." + Path.GetFileName(finalPath) + PartialSuffix);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex CallKeyPattern();
}
