using System.Text;

namespace Emulator.Comware.Storage;

/// <param name="Path">Where it is.</param>
/// <param name="Size">Bytes (0 for folders).</param>
/// <param name="Modified">Last write, by the device's clock.</param>
public sealed record StorageEntry(StoragePath Path, bool IsDirectory, long Size, DateTimeOffset Modified)
{
    public string Name => Path.Name;
}

/// <summary>A boot image the profile lists: it exists on the medium as a sparse placeholder of its real size.</summary>
public sealed record BootImage(string Name, long Size);

/// <summary>
/// One device's file system (<c>flash:</c> or <c>cfa0:</c>) in a host folder of its state directory:
/// <c>&lt;device&gt;/&lt;medium&gt;/</c> is the root, <c>&lt;device&gt;/.&lt;medium&gt;.recycle/</c> the recycle bin (deleted files
/// still take space, as on the device, until <c>reset recycle-bin</c>), <c>&lt;device&gt;/.&lt;medium&gt;.staging/</c> holds
/// writes under way (a write becomes visible only by a rename, so a cut transfer or a full medium leaves the old file).
/// Every host path is built here from a <see cref="StoragePath"/> and refused if any existing part of it is a symbolic
/// link. Thread-safe: SFTP sessions, SCP and the CLI share one instance.
/// </summary>
public sealed class DeviceStorage
{
    /// <summary>Largest file <c>more</c>, <c>display saved-configuration</c> or a configuration load reads into memory.</summary>
    public const long MaxTextFileBytes = 16L << 20;

    /// <summary>The old location of the saved configuration: <c>&lt;device&gt;/startup.cfg</c>, moved into the root on first use.</summary>
    public const string LegacyStartupFileName = "startup.cfg";

    private readonly Lock _lock = new();
    private readonly string _deviceFolder;
    private readonly IReadOnlyList<BootImage> _images;
    private long _reserved;
    private long? _usedCache;
    private bool _created;

    public DeviceStorage(string deviceFolder, string medium, long capacityBytes, IReadOnlyList<BootImage> images, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceFolder);
        ArgumentException.ThrowIfNullOrEmpty(medium);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        _deviceFolder = System.IO.Path.GetFullPath(deviceFolder);
        Medium = medium;
        Capacity = capacityBytes;
        _images = images ?? [];
        Time = time ?? throw new ArgumentNullException(nameof(time));
        RootFolder = System.IO.Path.Combine(_deviceFolder, medium);
        RecycleFolder = System.IO.Path.Combine(_deviceFolder, "." + medium + ".recycle");
        StagingFolder = System.IO.Path.Combine(_deviceFolder, "." + medium + ".staging");
        Root = StoragePath.Root(medium);
    }

    public string Medium { get; }

    public long Capacity { get; }

    public TimeProvider Time { get; }

    public StoragePath Root { get; }

    /// <summary>The host folder holding the root (tests and the control API's confinement checks use it).</summary>
    public string RootFolder { get; }

    private string RecycleFolder { get; }

    private string StagingFolder { get; }

    private string SettingsFile => System.IO.Path.Combine(_deviceFolder, BootSettings.FileName);

    public StoragePath Resolve(string input, StoragePath? workingDirectory = null) => PathResolver.Resolve(input, Medium, workingDirectory ?? Root);

    public bool TryResolve(string input, StoragePath? workingDirectory, out StoragePath path) =>
        PathResolver.TryResolve(input, Medium, workingDirectory ?? Root, out path);

    /// <summary>
    /// Creates the root on first use: the profile's boot images as sparse placeholders, and a startup.cfg left in the
    /// device folder by an older version moved in (it becomes the main startup file).
    /// </summary>
    public void EnsureCreated()
    {
        try
        {
            CreateOnce();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageError.Failed, RootFolder, ex);
        }
    }

    private void CreateOnce()
    {
        lock (_lock)
        {
            if (_created)
            {
                return;
            }

            var fresh = !Directory.Exists(RootFolder);
            CreatePrivateFolder(_deviceFolder);
            CreatePrivateFolder(RootFolder);
            CreatePrivateFolder(RecycleFolder);
            CreatePrivateFolder(StagingFolder);
            foreach (var leftover in Directory.EnumerateFiles(StagingFolder))
            {
                // Writes cut by a crash: never committed, so never visible.
                File.Delete(leftover);
            }

            if (fresh)
            {
                foreach (var image in _images.Where(i => PathResolver.IsValidName(i.Name)))
                {
                    var file = System.IO.Path.Combine(RootFolder, image.Name);
                    using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
                    {
                        // SetLength without writing leaves a hole: the size is real, the disk use is not.
                        stream.SetLength(image.Size);
                    }

                    File.SetLastWriteTimeUtc(file, Time.GetUtcNow().UtcDateTime);
                }
            }

            var legacy = System.IO.Path.Combine(_deviceFolder, LegacyStartupFileName);

            // A file that is not UTF-8 text stays where it is: the device layer reports it by name and never replaces it.
            if (File.Exists(legacy) && !File.Exists(SettingsFile) && IsUtf8(legacy))
            {
                var target = System.IO.Path.Combine(RootFolder, LegacyStartupFileName);
                File.Move(legacy, target, overwrite: true);
                WriteSettingsLocked(new BootSettings { MainConfiguration = Root.Child(LegacyStartupFileName) });
            }

            _created = true;
            _usedCache = null;
        }
    }

    private static bool IsUtf8(string file)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(file));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // ---- boot settings ----

    public BootSettings Settings
    {
        get
        {
            EnsureCreated();
            return File.Exists(SettingsFile) ? BootSettings.Parse(File.ReadAllText(SettingsFile), Medium) : new BootSettings();
        }
    }

    public void UpdateSettings(Func<BootSettings, BootSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        EnsureCreated();
        lock (_lock)
        {
            var now = File.Exists(SettingsFile) ? BootSettings.Parse(File.ReadAllText(SettingsFile), Medium) : new BootSettings();
            WriteSettingsLocked(change(now));
        }
    }

    private void WriteSettingsLocked(BootSettings settings)
    {
        var temp = System.IO.Path.Combine(StagingFolder, "settings." + Guid.NewGuid().ToString("N"));
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(temp, FileMode.CreateNew)
            : new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            stream.Write(Encoding.UTF8.GetBytes(settings.Render()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, SettingsFile, overwrite: true);
    }

    /// <summary>
    /// The saved configuration as the device boots it: the main startup file, else the backup; with neither set, the
    /// startup.cfg an older version kept in the device folder. Null when none exists. Reads no more than
    /// <see cref="MaxTextFileBytes"/>. Used by the state folder layer before the storage was ever opened.
    /// </summary>
    public static (string HostFile, string DevicePath)? FindSavedConfiguration(string deviceFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceFolder);
        var settingsFile = System.IO.Path.Combine(deviceFolder, BootSettings.FileName);
        if (!File.Exists(settingsFile))
        {
            var legacy = System.IO.Path.Combine(deviceFolder, LegacyStartupFileName);
            return File.Exists(legacy) ? (legacy, LegacyStartupFileName) : null;
        }

        var text = File.ReadAllText(settingsFile);
        if (BootSettings.MediumOf(text) is not { } medium)
        {
            return null;
        }

        var settings = BootSettings.Parse(text, medium);
        var root = System.IO.Path.Combine(System.IO.Path.GetFullPath(deviceFolder), medium);
        foreach (var candidate in new[] { settings.MainConfiguration, settings.BackupConfiguration })
        {
            if (candidate is not null && MapUnchecked(root, candidate) is { } host && File.Exists(host) && !HasLink(root, candidate))
            {
                return (host, candidate.Display());
            }
        }

        return null;
    }

    // ---- host mapping (the only place host paths are made) ----

    /// <summary>The host path of <paramref name="path"/>; refuses a path through a symbolic link (inside or as the root).</summary>
    public string HostPath(StoragePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!string.Equals(path.Medium, Medium, StringComparison.Ordinal) || HasLink(RootFolder, path))
        {
            throw new StorageException(StorageError.InvalidPath, path.Display());
        }

        return MapUnchecked(RootFolder, path) ?? throw new StorageException(StorageError.InvalidPath, path.Display());
    }

    private string RecycledHostPath(StoragePath path) =>
        MapUnchecked(RecycleFolder, path) ?? throw new StorageException(StorageError.InvalidPath, path.Display());

    private static string? MapUnchecked(string rootFolder, StoragePath path)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine([rootFolder, .. path.Segments]));
        var prefix = rootFolder.EndsWith(System.IO.Path.DirectorySeparatorChar) ? rootFolder : rootFolder + System.IO.Path.DirectorySeparatorChar;
        return full == rootFolder || full.StartsWith(prefix, StringComparison.Ordinal) ? full : null;
    }

    private static bool HasLink(string rootFolder, StoragePath path)
    {
        var current = rootFolder;
        if (IsLink(current))
        {
            return true;
        }

        foreach (var segment in path.Segments)
        {
            current = System.IO.Path.Combine(current, segment);
            if (IsLink(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLink(string hostPath)
    {
        var info = new FileInfo(hostPath);
        return info.Exists || Directory.Exists(hostPath) ? info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint) : false;
    }

    // ---- reading ----

    public StorageEntry? Stat(StoragePath path)
    {
        EnsureCreated();
        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            return new StorageEntry(path, true, 0, new DateTimeOffset(Directory.GetLastWriteTimeUtc(host), TimeSpan.Zero));
        }

        if (File.Exists(host))
        {
            var info = new FileInfo(host);
            return new StorageEntry(path, false, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }

        return null;
    }

    public bool IsDirectory(StoragePath path) => Stat(path) is { IsDirectory: true };

    /// <summary>The folder's entries, folders and files together, by name (symbolic links, which the device cannot have, are left out).</summary>
    public IReadOnlyList<StorageEntry> List(StoragePath directory)
    {
        EnsureCreated();
        var host = HostPath(directory);
        if (!Directory.Exists(host))
        {
            throw new StorageException(File.Exists(host) ? StorageError.NotDirectory : StorageError.NotFound, directory.Display());
        }

        return ListHost(host, directory);
    }

    /// <summary>Files of this folder in the recycle bin (<c>dir /all</c> shows them in brackets).</summary>
    public IReadOnlyList<StorageEntry> ListRecycled(StoragePath directory)
    {
        EnsureCreated();
        var host = RecycledHostPath(directory);
        return Directory.Exists(host) ? [.. ListHost(host, directory).Where(e => !e.IsDirectory)] : [];
    }

    private static List<StorageEntry> ListHost(string host, StoragePath directory)
    {
        var entries = new List<StorageEntry>();
        foreach (var info in new DirectoryInfo(host).EnumerateFileSystemInfos())
        {
            if (info.LinkTarget is not null || !PathResolver.IsValidName(info.Name))
            {
                continue;
            }

            var isDir = info is DirectoryInfo;
            entries.Add(new StorageEntry(directory.Child(info.Name), isDir, isDir ? 0 : ((FileInfo)info).Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>Opens a file for reading (shared: a write under way replaces it by rename and never changes this stream).</summary>
    public FileStream OpenRead(StoragePath path)
    {
        EnsureCreated();
        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            throw new StorageException(StorageError.IsDirectory, path.Display());
        }

        try
        {
            return new FileStream(host, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StorageException(StorageError.NotFound, path.Display(), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageError.Failed, path.Display(), ex);
        }
    }

    /// <summary>A text file (UTF-8, invalid bytes replaced) of at most <see cref="MaxTextFileBytes"/>.</summary>
    public string ReadText(StoragePath path)
    {
        using var stream = OpenRead(path);
        if (stream.Length > MaxTextFileBytes)
        {
            throw new StorageException(StorageError.Failed, path.Display());
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(false, false));
        return reader.ReadToEnd();
    }

    // ---- space ----

    /// <summary>Bytes taken: every file of the root and of the recycle bin (at its full size, placeholders too) plus writes under way.</summary>
    public long UsedBytes
    {
        get
        {
            EnsureCreated();
            lock (_lock)
            {
                _usedCache ??= SizeOf(RootFolder) + SizeOf(RecycleFolder);
                return _usedCache.Value + _reserved;
            }
        }
    }

    public long FreeBytes => Math.Max(0, Capacity - UsedBytes);

    private static long SizeOf(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        long total = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            total += file.Length;
        }

        return total;
    }

    private void Changed()
    {
        lock (_lock)
        {
            _usedCache = null;
        }
    }

    /// <summary>Takes <paramref name="bytes"/> of free space for a write under way, or throws <see cref="StorageError.NoSpace"/>.</summary>
    internal void Reserve(long bytes, string pathText)
    {
        if (bytes <= 0)
        {
            return;
        }

        _ = UsedBytes;
        lock (_lock)
        {
            if (_usedCache!.Value + _reserved + bytes > Capacity)
            {
                throw new StorageException(StorageError.NoSpace, pathText);
            }

            _reserved += bytes;
        }
    }

    internal void Release(long bytes)
    {
        lock (_lock)
        {
            _reserved -= bytes;
            _usedCache = null;
        }
    }

    // ---- writing ----

    /// <summary>
    /// Starts a write of <paramref name="path"/> in the staging folder; <see cref="StagedFile.Commit"/> renames it into
    /// place, disposing without commit throws it away. With <paramref name="keepContent"/> the new file starts as a copy
    /// of the old one (SFTP open without TRUNC).
    /// </summary>
    public StagedFile BeginWrite(StoragePath path, bool keepContent = false)
    {
        EnsureCreated();
        ArgumentNullException.ThrowIfNull(path);
        if (path.IsRoot)
        {
            throw new StorageException(StorageError.IsDirectory, path.Display());
        }

        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            throw new StorageException(StorageError.IsDirectory, path.Display());
        }

        var parent = HostPath(path.Parent);
        if (!Directory.Exists(parent))
        {
            throw new StorageException(StorageError.NotFound, path.Parent.Display());
        }

        var staged = new StagedFile(this, path, System.IO.Path.Combine(StagingFolder, Guid.NewGuid().ToString("N")));
        try
        {
            if (keepContent && File.Exists(host))
            {
                using var old = OpenRead(path);
                staged.Append(old);
            }
        }
        catch
        {
            staged.Dispose();
            throw;
        }

        return staged;
    }

    /// <summary>Writes a whole file atomically (the old content stays if anything fails, a full medium included).</summary>
    public void WriteAllBytes(StoragePath path, ReadOnlySpan<byte> content)
    {
        using var staged = BeginWrite(path);
        staged.Write(0, content);
        staged.Commit();
    }

    public void WriteText(StoragePath path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Renames a committed staging file over the target (called by <see cref="StagedFile"/>).</summary>
    internal void CommitStaged(string stagingFile, StoragePath target)
    {
        var host = HostPath(target);
        if (!Directory.Exists(HostPath(target.Parent)))
        {
            throw new StorageException(StorageError.NotFound, target.Parent.Display());
        }

        if (Directory.Exists(host))
        {
            throw new StorageException(StorageError.IsDirectory, target.Display());
        }

        File.SetLastWriteTimeUtc(stagingFile, Time.GetUtcNow().UtcDateTime);
        File.Move(stagingFile, host, overwrite: true);
        Touch(target.Parent);
        Changed();
    }

    public void Copy(StoragePath source, StoragePath target)
    {
        using var input = OpenRead(source);
        using var staged = BeginWrite(target);
        staged.Append(input);
        staged.Commit();
    }

    /// <summary>Renames or moves a file or folder; the target must not exist.</summary>
    public void Move(StoragePath source, StoragePath target)
    {
        EnsureCreated();
        var from = HostPath(source);
        var to = HostPath(target);
        if (source.IsRoot || target.IsRoot)
        {
            throw new StorageException(StorageError.InvalidPath, source.Display());
        }

        if (target.Segments.Count > source.Segments.Count && target.Segments.Take(source.Segments.Count).SequenceEqual(source.Segments, StringComparer.Ordinal))
        {
            // A folder into itself.
            throw new StorageException(StorageError.InvalidPath, target.Display());
        }

        if (File.Exists(to) || Directory.Exists(to))
        {
            throw new StorageException(StorageError.AlreadyExists, target.Display());
        }

        if (!Directory.Exists(HostPath(target.Parent)))
        {
            throw new StorageException(StorageError.NotFound, target.Parent.Display());
        }

        Guard(source, () =>
        {
            if (Directory.Exists(from))
            {
                Directory.Move(from, to);
            }
            else if (File.Exists(from))
            {
                File.Move(from, to);
            }
            else
            {
                throw new StorageException(StorageError.NotFound, source.Display());
            }
        });
        Touch(target.Parent);
    }

    public void CreateDirectory(StoragePath path)
    {
        EnsureCreated();
        var host = HostPath(path);
        if (path.IsRoot || File.Exists(host) || Directory.Exists(host))
        {
            throw new StorageException(StorageError.AlreadyExists, path.Display());
        }

        if (!Directory.Exists(HostPath(path.Parent)))
        {
            throw new StorageException(StorageError.NotFound, path.Parent.Display());
        }

        Guard(path, () => Directory.CreateDirectory(host));
    }

    /// <summary>Removes an empty folder; its files in the recycle bin go with it (V7 says so in its question).</summary>
    public void RemoveDirectory(StoragePath path)
    {
        EnsureCreated();
        var host = HostPath(path);
        if (path.IsRoot)
        {
            throw new StorageException(StorageError.InvalidPath, path.Display());
        }

        if (!Directory.Exists(host))
        {
            throw new StorageException(File.Exists(host) ? StorageError.NotDirectory : StorageError.NotFound, path.Display());
        }

        if (Directory.EnumerateFileSystemEntries(host).Any())
        {
            throw new StorageException(StorageError.DirectoryNotEmpty, path.Display());
        }

        Guard(path, () =>
        {
            Directory.Delete(host);
            var recycled = RecycledHostPath(path);
            if (Directory.Exists(recycled))
            {
                Directory.Delete(recycled, recursive: true);
            }
        });
    }

    /// <summary>Deletes a file: into the recycle bin (replacing a deleted file of that name), or for good with <paramref name="unreserved"/>.</summary>
    public void Delete(StoragePath path, bool unreserved)
    {
        EnsureCreated();
        var host = HostPath(path);
        if (Directory.Exists(host))
        {
            throw new StorageException(StorageError.IsDirectory, path.Display());
        }

        if (!File.Exists(host))
        {
            throw new StorageException(StorageError.NotFound, path.Display());
        }

        Guard(path, () =>
        {
            if (unreserved)
            {
                File.Delete(host);
                return;
            }

            var recycled = RecycledHostPath(path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(recycled)!);
            if (Directory.Exists(recycled))
            {
                Directory.Delete(recycled, recursive: true);
            }

            File.Move(host, recycled, overwrite: true);
        });
    }

    public bool IsRecycled(StoragePath path) => File.Exists(RecycledHostPath(path));

    /// <summary>Brings a deleted file back (replacing a file of that name when <paramref name="overwrite"/>).</summary>
    public void Undelete(StoragePath path, bool overwrite)
    {
        EnsureCreated();
        var recycled = RecycledHostPath(path);
        var host = HostPath(path);
        if (!File.Exists(recycled))
        {
            throw new StorageException(StorageError.NotFound, path.Display());
        }

        if (Directory.Exists(host) || (File.Exists(host) && !overwrite))
        {
            throw new StorageException(StorageError.AlreadyExists, path.Display());
        }

        if (!Directory.Exists(HostPath(path.Parent)))
        {
            throw new StorageException(StorageError.NotFound, path.Parent.Display());
        }

        Guard(path, () => File.Move(recycled, host, overwrite: true));
    }

    /// <summary>The files of the recycle bin under <paramref name="directory"/> (all of them for the root, as <c>reset recycle-bin</c> does from the root).</summary>
    public IReadOnlyList<StoragePath> Recycled(StoragePath directory)
    {
        EnsureCreated();
        var host = RecycledHostPath(directory);
        if (!Directory.Exists(host))
        {
            return [];
        }

        var found = new List<StoragePath>();
        Collect(host, directory, found);
        return found;

        static void Collect(string folder, StoragePath at, List<StoragePath> into)
        {
            foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                if (!PathResolver.IsValidName(info.Name) || info.LinkTarget is not null)
                {
                    continue;
                }

                if (info is DirectoryInfo)
                {
                    Collect(info.FullName, at.Child(info.Name), into);
                }
                else
                {
                    into.Add(at.Child(info.Name));
                }
            }
        }
    }

    /// <summary>Frees a deleted file for good.</summary>
    public void Purge(StoragePath path)
    {
        var recycled = RecycledHostPath(path);
        Guard(path, () => File.Delete(recycled));
    }

    /// <summary><c>format</c>: every file and folder of the medium and its recycle bin are gone.</summary>
    public void Format()
    {
        EnsureCreated();
        lock (_lock)
        {
            foreach (var folder in new[] { RootFolder, RecycleFolder })
            {
                foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    if (info is DirectoryInfo dir && dir.LinkTarget is null)
                    {
                        dir.Delete(recursive: true);
                    }
                    else
                    {
                        info.Delete();
                    }
                }
            }

            _usedCache = null;
        }
    }

    /// <summary>Folder times follow the device's clock, not the host's (a folder changes when its entries do).</summary>
    private void Touch(StoragePath folder)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(MapUnchecked(RootFolder, folder)!, Time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A time is cosmetic.
        }
    }

    private void Guard(StoragePath path, Action action)
    {
        try
        {
            action();
            if (!path.IsRoot)
            {
                Touch(path.Parent);
                if (Directory.Exists(MapUnchecked(RootFolder, path)))
                {
                    Touch(path);
                }
            }
        }
        catch (StorageException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageError.Failed, path.Display(), ex);
        }
        finally
        {
            Changed();
        }
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
