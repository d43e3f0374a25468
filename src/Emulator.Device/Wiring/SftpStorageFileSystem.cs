using Emulator.Comware.Storage;
using Emulator.Ssh.Sftp;

namespace Emulator.Device.Wiring;

/// <summary>
/// The device's storage as an SFTP tree: <c>/</c> is the medium's root (<c>flash:/</c>), every client path goes through
/// the storage's resolver (so <c>..</c>, other media, control characters and links never leave it), and storage
/// refusals become SSH_FX statuses. Removes are permanent, as an SFTP client expects.
/// </summary>
internal sealed class SftpStorageFileSystem(DeviceStorage storage) : ISftpFileSystem
{
    private const uint DirectoryMode = SftpAttributes.DirectoryType | 0x1ED; // 0755
    private const uint FileMode = SftpAttributes.FileType | 0x1A4; // 0644

    public string Canonicalize(string path) => Resolve(path).Unix;

    public SftpAttributes? Stat(string path) => Guard(() => storage.Stat(Resolve(path)) is { } entry ? Attributes(entry) : null);

    public IReadOnlyList<SftpName> ReadDirectory(string path) =>
        Guard(() => storage.List(Resolve(path)).Select(e => new SftpName(e.Name, Attributes(e))).ToList());

    public ISftpFile Open(string path, SftpOpenMode mode)
    {
        var target = Resolve(path);
        return Guard<ISftpFile>(() =>
        {
            var existing = storage.Stat(target);
            if (existing is { IsDirectory: true })
            {
                throw new StorageException(StorageError.IsDirectory, target.Display());
            }

            var writing = (mode & (SftpOpenMode.Write | SftpOpenMode.Append | SftpOpenMode.Create | SftpOpenMode.Truncate)) != 0;
            if (!writing)
            {
                return new ReadFile(storage.OpenRead(target));
            }

            if (existing is null && (mode & SftpOpenMode.Create) == 0)
            {
                throw new StorageException(StorageError.NotFound, target.Display());
            }

            if (existing is not null && (mode & SftpOpenMode.Exclusive) != 0)
            {
                throw new StorageException(StorageError.AlreadyExists, target.Display());
            }

            var keep = existing is not null && (mode & SftpOpenMode.Truncate) == 0;
            return new WriteFile(storage.BeginWrite(target, keep), (mode & SftpOpenMode.Append) != 0, storage.Time);
        });
    }

    public void Remove(string path) => Guard(() => storage.Delete(Resolve(path), unreserved: true));

    public void MakeDirectory(string path) => Guard(() => storage.CreateDirectory(Resolve(path)));

    public void RemoveDirectory(string path) => Guard(() => storage.RemoveDirectory(Resolve(path)));

    public void Rename(string oldPath, string newPath) => Guard(() => storage.Move(Resolve(oldPath), Resolve(newPath)));

    private StoragePath Resolve(string path)
    {
        var text = path.Length == 0 ? "." : path;
        return storage.TryResolve(text, storage.Root, out var resolved) ? resolved : throw new SftpException(SftpStatus.NoSuchFile, "No such file");
    }

    private static SftpAttributes Attributes(StorageEntry entry) =>
        new(entry.IsDirectory ? 0 : entry.Size, entry.IsDirectory ? DirectoryMode : FileMode, entry.Modified);

    private static void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (StorageException ex)
        {
            throw Map(ex);
        }
    }

    internal static SftpException Map(StorageException ex) => ex.Error switch
    {
        StorageError.NotFound or StorageError.InvalidPath => new SftpException(SftpStatus.NoSuchFile, "No such file"),
        StorageError.NoSpace => new SftpException(SftpStatus.Failure, "No space left on device"),
        StorageError.AlreadyExists => new SftpException(SftpStatus.Failure, "File exists"),
        StorageError.DirectoryNotEmpty => new SftpException(SftpStatus.Failure, "Directory not empty"),
        StorageError.IsDirectory => new SftpException(SftpStatus.Failure, "Is a directory"),
        StorageError.NotDirectory => new SftpException(SftpStatus.Failure, "Not a directory"),
        _ => new SftpException(SftpStatus.Failure, "Failure"),
    };

    private sealed class ReadFile(FileStream stream) : ISftpFile
    {
        public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(stream.SafeFileHandle, buffer, offset);

        public void Write(long offset, ReadOnlySpan<byte> data) => throw new SftpException(SftpStatus.PermissionDenied, "Handle not opened for writing");

        public SftpAttributes Stat() => new(stream.Length, FileMode, null);

        public void Commit()
        {
        }

        public void Dispose() => stream.Dispose();
    }

    /// <summary>A write under way; after a refused write (full medium) the close refuses too, so no partial file appears.</summary>
    private sealed class WriteFile(StagedFile staged, bool append, TimeProvider time) : ISftpFile
    {
        private bool _failed;

        public int Read(long offset, Span<byte> buffer) => offset >= staged.Length ? 0 : staged.Read(offset, buffer);

        public void Write(long offset, ReadOnlySpan<byte> data)
        {
            try
            {
                staged.Write(append ? staged.Length : offset, data);
            }
            catch (StorageException ex)
            {
                _failed = true;
                throw Map(ex);
            }
        }

        public SftpAttributes Stat() => new(staged.Length, FileMode, time.GetUtcNow());

        public void Commit()
        {
            if (_failed)
            {
                throw new SftpException(SftpStatus.Failure, "No space left on device");
            }

            try
            {
                staged.Commit();
            }
            catch (StorageException ex)
            {
                throw Map(ex);
            }
        }

        public void Dispose() => staged.Dispose();
    }
}
