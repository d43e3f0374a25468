using System.Text;
using Emulator.Comware.Storage;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Storage;

/// <summary>The storage's host mapping, space accounting, atomic writes and recycle bin, on a real temporary folder.</summary>
public sealed class DeviceStorageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "storage-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DeviceStorage Create(long capacity = 1 << 20, params BootImage[] images) =>
        new(Path.Combine(_dir, "dev"), "flash", capacity, images, new FixedTimeProvider(TestDevices.Epoch));

    [Fact]
    public void Boot_images_are_sparse_placeholders_of_their_real_size()
    {
        var storage = Create(8L << 30, new BootImage("f1000-cmw710-system-r9333p26.bin", 3L << 30));
        var entry = Assert.Single(storage.List(storage.Root));
        Assert.Equal(3L << 30, entry.Size);
        Assert.Equal(TestDevices.Epoch, entry.Modified);
        Assert.Equal(5L << 30, storage.FreeBytes);
    }

    [Fact]
    public void A_symbolic_link_inside_the_root_is_never_followed()
    {
        var storage = Create();
        storage.EnsureCreated();
        var outside = Path.Combine(_dir, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret"), "host secret");
        Directory.CreateSymbolicLink(Path.Combine(storage.RootFolder, "escape"), outside);
        File.CreateSymbolicLink(Path.Combine(storage.RootFolder, "passwd"), "/etc/passwd");

        Assert.Empty(storage.List(storage.Root));
        var escape = storage.Resolve("escape/secret");
        Assert.Equal(StorageError.InvalidPath, Assert.Throws<StorageException>(() => storage.OpenRead(escape)).Error);
        Assert.Equal(StorageError.InvalidPath, Assert.Throws<StorageException>(() => storage.WriteText(escape, "x")).Error);
        Assert.Equal(StorageError.InvalidPath, Assert.Throws<StorageException>(() => storage.ReadText(storage.Resolve("passwd"))).Error);
        Assert.Equal(StorageError.InvalidPath, Assert.Throws<StorageException>(() => storage.Delete(storage.Resolve("passwd"), true)).Error);
        Assert.Equal("host secret", File.ReadAllText(Path.Combine(outside, "secret")));
    }

    [Fact]
    public void A_full_medium_refuses_the_write_and_keeps_the_old_file()
    {
        var storage = Create(capacity: 64 * 1024);
        var file = storage.Resolve("a.cfg");
        storage.WriteText(file, "old");
        var ex = Assert.Throws<StorageException>(() => storage.WriteAllBytes(file, new byte[100 * 1024]));
        Assert.Equal(StorageError.NoSpace, ex.Error);
        Assert.Equal("old", storage.ReadText(file));
        Assert.Equal(64 * 1024 - 3, storage.FreeBytes);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "dev", ".flash.staging")));
    }

    [Fact]
    public void Free_space_moves_with_writes_deletes_and_the_recycle_bin()
    {
        var storage = Create();
        var file = storage.Resolve("x.bin");
        storage.WriteAllBytes(file, new byte[1000]);
        Assert.Equal((1 << 20) - 1000, storage.FreeBytes);
        storage.Delete(file, unreserved: false);
        Assert.Equal((1 << 20) - 1000, storage.FreeBytes);
        storage.Purge(file);
        Assert.Equal(1 << 20, storage.FreeBytes);
    }

    [Fact]
    public void A_write_that_is_not_committed_leaves_nothing()
    {
        var storage = Create();
        var file = storage.Resolve("half.bin");
        using (var staged = storage.BeginWrite(file))
        {
            staged.Write(0, new byte[4096]);
        }

        Assert.Null(storage.Stat(file));
        Assert.Equal(1 << 20, storage.FreeBytes);
    }

    [Fact]
    public void Two_writers_to_one_file_each_commit_a_whole_file()
    {
        var storage = Create();
        var file = storage.Resolve("one.cfg");
        using var first = storage.BeginWrite(file);
        using var second = storage.BeginWrite(file);
        first.Write(0, Encoding.ASCII.GetBytes("first-writer"));
        second.Write(0, Encoding.ASCII.GetBytes("second"));
        second.Commit();
        first.Commit();
        Assert.Equal("first-writer", storage.ReadText(file));
    }

    [Fact]
    public void An_older_state_folders_startup_cfg_moves_into_the_storage_and_stays_the_startup_file()
    {
        var device = Path.Combine(_dir, "dev");
        Directory.CreateDirectory(device);
        File.WriteAllText(Path.Combine(device, "startup.cfg"), "#\n sysname OLD\n#\nreturn\n");
        Assert.Equal(Path.Combine(device, "startup.cfg"), DeviceStorage.FindSavedConfiguration(device)?.HostFile);

        var storage = Create();
        var saved = SavedConfiguration.Read(storage);
        Assert.Equal("flash:/startup.cfg", saved?.File.Display());
        Assert.Contains("sysname OLD", saved?.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(device, "startup.cfg")));
        Assert.Equal(Path.Combine(device, "flash", "startup.cfg"), DeviceStorage.FindSavedConfiguration(device)?.HostFile);
    }

    [Fact]
    public void Boot_settings_with_paths_outside_the_root_are_ignored()
    {
        var device = Path.Combine(_dir, "dev");
        Directory.CreateDirectory(device);
        File.WriteAllText(Path.Combine(device, BootSettings.FileName), "main-config flash:/../../../etc/passwd\nbackup-config flash:/ok.cfg\n");
        var settings = BootSettings.Parse(File.ReadAllText(Path.Combine(device, BootSettings.FileName)), "flash");
        Assert.Equal("flash:/etc/passwd", settings.MainConfiguration?.Display());
        Assert.Null(DeviceStorage.FindSavedConfiguration(device));
    }

    [Fact]
    public void Move_refuses_a_folder_into_itself_and_an_existing_target()
    {
        var storage = Create();
        storage.CreateDirectory(storage.Resolve("d"));
        storage.WriteText(storage.Resolve("f"), "x");
        Assert.Equal(StorageError.InvalidPath, Assert.Throws<StorageException>(() => storage.Move(storage.Resolve("d"), storage.Resolve("d/e"))).Error);
        Assert.Equal(StorageError.AlreadyExists, Assert.Throws<StorageException>(() => storage.Move(storage.Resolve("f"), storage.Resolve("d"))).Error);
    }
}
