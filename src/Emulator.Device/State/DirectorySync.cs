using System.Runtime.InteropServices;

namespace Emulator.Device.State;

/// <summary>
/// fsync(2) on a directory, so a rename into it survives a power cut (POSIX leaves that to the directory's own sync;
/// ext4 and xfs may lose the rename otherwise). .NET cannot open a directory as a file, hence libc. Runtime marshalling
/// (DllImport) because the project does not allow unsafe code, which LibraryImport's generated code needs.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY
    // O_CLOEXEC: the same value on x86-64 and arm64 (O_DIRECTORY is not, so it is left out; a directory opens read-only).
    private const int CloseOnExec = 0x80000;

    /// <summary>Best effort: a file system that cannot sync directories (some network mounts) is not an error.</summary>
    /// <returns>True when the directory was synced (Linux only).</returns>
    public static bool Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            return false;
        }

        var synced = Fsync(fd) == 0;
        _ = Close(fd);
        return synced;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
