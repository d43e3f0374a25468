namespace Emulator.Ssh.Sftp;

/// <summary>
/// What an <see cref="SftpServer"/> serves: a tree of files and folders addressed by the client's path strings. The
/// implementation resolves (and confines) every path itself; the server only speaks the protocol. Errors are
/// <see cref="SftpException"/>s carrying the status to answer.
/// </summary>
public interface ISftpFileSystem
{
    /// <summary>The absolute form of <paramref name="path"/> (<c>/a/b</c>); SSH_FXP_REALPATH.</summary>
    string Canonicalize(string path);

    /// <summary>Null when nothing is there.</summary>
    SftpAttributes? Stat(string path);

    IReadOnlyList<SftpName> ReadDirectory(string path);

    ISftpFile Open(string path, SftpOpenMode flags);

    void Remove(string path);

    void MakeDirectory(string path);

    void RemoveDirectory(string path);

    void Rename(string oldPath, string newPath);
}

/// <summary>An open file. Writes become visible at <see cref="Commit"/>; disposing without it discards them.</summary>
public interface ISftpFile : IDisposable
{
    /// <summary>Bytes read into <paramref name="buffer"/>; 0 at the end of the file.</summary>
    int Read(long offset, Span<byte> buffer);

    void Write(long offset, ReadOnlySpan<byte> data);

    SftpAttributes Stat();

    /// <summary>SSH_FXP_CLOSE of a handle opened for writing: the file takes its new content (atomically).</summary>
    void Commit();
}

[Flags]
public enum SftpOpenMode : uint
{
    None = 0,
    Read = 0x01,
    Write = 0x02,
    Append = 0x04,
    Create = 0x08,
    Truncate = 0x10,
    Exclusive = 0x20,
}

/// <param name="Size">Bytes, for files.</param>
/// <param name="Permissions">POSIX mode bits including the type (0x4000 folder, 0x8000 file).</param>
/// <param name="Modified">Last write.</param>
public sealed record SftpAttributes(long? Size, uint? Permissions, DateTimeOffset? Modified)
{
    public const uint DirectoryType = 0x4000;
    public const uint FileType = 0x8000;

    public bool IsDirectory => Permissions is { } p && (p & 0xF000) == DirectoryType;
}

public sealed record SftpName(string Name, SftpAttributes Attributes);

/// <summary>SSH_FX_* status codes of draft-ietf-secsh-filexfer-02 section 7.</summary>
public enum SftpStatus : uint
{
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
}

public sealed class SftpException : Exception
{
    public SftpException(SftpStatus status, string message)
        : base(message) => Status = status;

    public SftpException()
        : this(SftpStatus.Failure, "Failure")
    {
    }

    public SftpException(string message)
        : this(SftpStatus.Failure, message)
    {
    }

    public SftpException(string message, Exception innerException)
        : base(message, innerException) => Status = SftpStatus.Failure;

    public SftpStatus Status { get; }
}
