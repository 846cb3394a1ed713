namespace CtiCore.Server.Recording;

/// <summary>Turns the recording file named by a PBX event into a path on this host (see <see cref="RecordingHostOptions.PathMap"/>).</summary>
public sealed class PbxRecordingPath(RecordingHostOptions options)
{
    /// <summary>Null when the result is not an absolute path (a PBX name we cannot place).</summary>
    public string? ToLocal(string? pbxFile, string? channelId)
    {
        var file = pbxFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            if (string.IsNullOrWhiteSpace(channelId))
            {
                return null;
            }

            file = channelId + ".wav";
        }

        if (!file.StartsWith('/'))
        {
            file = options.PbxFolder.TrimEnd('/') + "/" + file;
        }

        if (file.Split('/').Contains(".."))
        {
            return null; // a peer-supplied name never walks out of the mapped folder
        }

        var mapped = options.PathMap
            .Where(m => file.StartsWith(m.Key.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Key.Length)
            .Select(m => m.Value.TrimEnd('/') + file[m.Key.TrimEnd('/').Length..])
            .FirstOrDefault() ?? file;
        return Path.IsPathFullyQualified(mapped) ? mapped : null;
    }
}
