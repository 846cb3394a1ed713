using System.Runtime.InteropServices;

namespace CtiCore.Media.Native;

/// <summary>
/// The few POSIX calls .NET does not expose: a rename is only durable once the directory holding it is fsynced
/// (POSIX fsync(2): "an explicit fsync() on a file descriptor for the directory is also needed").
/// </summary>
internal static partial class LibcNative
{
    private const int ReadOnly = 0;        // O_RDONLY
    private const int Directory = 0x10000; // O_DIRECTORY on Linux x86-64
    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    [LibraryImport(NativePlatform.LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport(NativePlatform.LibC, EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport(NativePlatform.LibC, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    public static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Windows has no directory fsync; NTFS journals metadata itself.
        }

        var fd = Open(directory, ReadOnly | Directory | CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }
}
