namespace Emulator.Comware.Storage;

/// <summary>
/// A write under way: bytes go to a private file of the staging folder, each extension of it takes free space first
/// (a full medium throws <see cref="StorageError.NoSpace"/> before a byte lands), and only <see cref="Commit"/> makes it
/// visible, by one rename. Disposing without a commit deletes it: a cut transfer leaves the old file, never half a file.
/// Not thread-safe (one writer per handle); two handles on one name commit whole files, the last one wins.
/// </summary>
public sealed class StagedFile : IDisposable
{
    private readonly DeviceStorage _storage;
    private readonly string _file;
    private FileStream? _stream;
    private long _reserved;
    private bool _done;

    internal StagedFile(DeviceStorage storage, StoragePath target, string file)
    {
        _storage = storage;
        _file = file;
        Target = target;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Configuration files hold reversible V5 passwords: owner only, like the state folder's other files.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _stream = new FileStream(file, options);
    }

    public StoragePath Target { get; }

    public long Length => _stream?.Length ?? 0;

    /// <summary>Writes at <paramref name="offset"/> (a hole before it reads as zeros and takes space).</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(StagedFile));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var end = checked(offset + data.Length);
        if (end > _reserved)
        {
            _storage.Reserve(end - _reserved, Target.Display());
            _reserved = end;
        }

        stream.Position = offset;
        stream.Write(data);
    }

    public void Append(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            Write(Length, buffer.AsSpan(0, read));
        }
    }

    /// <summary>Reads back what was written (an SFTP handle opened read-write).</summary>
    public int Read(long offset, Span<byte> into)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(StagedFile));
        stream.Position = offset;
        return stream.Read(into);
    }

    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(StagedFile));
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        try
        {
            _storage.CommitStaged(_file, Target);
            _done = true;
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_done)
        {
            try
            {
                File.Delete(_file);
            }
            catch (IOException)
            {
                // The staging folder is emptied at the next start.
            }

            _done = true;
        }

        if (_reserved > 0)
        {
            _storage.Release(_reserved);
            _reserved = 0;
        }
    }
}
