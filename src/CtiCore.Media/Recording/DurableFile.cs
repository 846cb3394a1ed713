using CtiCore.Media.Native;

namespace CtiCore.Media.Recording;

/// <summary>
/// Crash-safe file replacement: write a uniquely named temp file, fsync it, rename it over the target, fsync the
/// directory. rename(2) is atomic, so a reader sees the old content or the new, never a torn mix.
/// </summary>
public static class DurableFile
{
    public const string TempSuffix = ".tmp";

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        FsyncDirectory(directory);
    }

    public static void FsyncDirectory(string directory) => LibcNative.FsyncDirectory(directory);
}
