using Emulator.Device.Profiles;
using Emulator.Device.State;

namespace Emulator.Device.Tests;

public sealed class StateTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static readonly HostKeySpec[] _specs = [new("ssh-ed25519", 256), new("ecdsa-sha2-nistp256", 256)];

    [Fact]
    public async Task Save_then_read_round_trips_and_no_temp_file_remains()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        Assert.Null(dir.ReadStartupConfiguration());
        await dir.WriteStartupConfigurationAsync("#\n sysname A\n#\nreturn\n", TestContext.Current.CancellationToken);
        await dir.WriteStartupConfigurationAsync("#\n sysname B\n#\nreturn\n", TestContext.Current.CancellationToken);
        Assert.Equal("#\n sysname B\n#\nreturn\n", dir.ReadStartupConfiguration());
        Assert.Equal(["startup.cfg"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_write_that_dies_half_way_leaves_the_old_file_intact()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        await dir.WriteStartupConfigurationAsync("old config\n", TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(dir.StartupConfigurationPath, async (stream, ct) =>
        {
            await stream.WriteAsync("new con"u8.ToArray(), ct);
            throw new IOException("simulated crash: disk gone");
        }, null, TestContext.Current.CancellationToken));
        Assert.Equal("old config\n", dir.ReadStartupConfiguration());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Leftover_temp_files_of_a_killed_process_are_ignored_and_cleaned()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        Directory.CreateDirectory(dir.Path);
        await File.WriteAllTextAsync(dir.StartupConfigurationPath, "saved\n", TestContext.Current.CancellationToken);
        var leftover = Path.Combine(dir.Path, ".startup.cfg.1234abcd.tmp");
        await File.WriteAllTextAsync(leftover, "half", TestContext.Current.CancellationToken);
        // Written by a process that died before this one started.
        File.SetLastWriteTimeUtc(leftover, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("saved\n", dir.ReadStartupConfiguration());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task A_corrupt_startup_file_is_an_error_naming_the_file_and_is_kept()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        Directory.CreateDirectory(dir.Path);
        await File.WriteAllBytesAsync(dir.StartupConfigurationPath, [0x23, 0x0A, 0xC3, 0x28, 0xFF], TestContext.Current.CancellationToken);
        var ex = Assert.Throws<DeviceStateException>(dir.ReadStartupConfiguration);
        Assert.Equal(dir.StartupConfigurationPath, ex.File);
        Assert.Contains("startup.cfg", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await File.ReadAllBytesAsync(dir.StartupConfigurationPath, TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task Host_keys_are_created_once_on_first_need_and_reused()
    {
        var codec = new CountingKeyCodec();
        var dir = new DeviceStateDirectory(_root, "fw1");
        var store = new HostKeyStore(dir, "fw1", _specs, codec, null);
        Assert.False(Directory.Exists(dir.Path));
        Assert.Empty(store.LoadedKeys);

        var first = await store.GetKeyAsync("ssh-ed25519", TestContext.Current.CancellationToken);
        Assert.True(File.Exists(dir.HostKeyPath("ed25519")));
        Assert.False(File.Exists(dir.HostKeyPath("ecdsa")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.HostKeyPath("ed25519")));
        }

        var again = new HostKeyStore(dir, "fw1", _specs, codec, null);
        var second = await again.GetKeyAsync("ssh-ed25519", TestContext.Current.CancellationToken);
        Assert.Equal(first.FingerprintSha256, second.FingerprintSha256);
        Assert.Equal(1, codec.Generated);
    }

    [Fact]
    public async Task Concurrent_first_connections_create_one_key()
    {
        var codec = new CountingKeyCodec();
        var store = new HostKeyStore(new DeviceStateDirectory(_root, "fw1"), "fw1", _specs, codec, null);
        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken).AsTask(), TestContext.Current.CancellationToken)));
        Assert.Single(keys.Select(k => k.FingerprintSha256).Distinct());
        Assert.Equal(1, codec.Generated);
    }

    [Fact]
    public async Task Fleet_secret_derives_the_same_key_per_device_and_different_keys_between_devices()
    {
        var secret = "lab-secret"u8.ToArray();
        var codec = new CountingKeyCodec();
        var a = await new HostKeyStore(new DeviceStateDirectory(_root, "fw1"), "fw1", _specs, codec, secret).GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken);
        var aAgain = await new HostKeyStore(new DeviceStateDirectory(Path.Combine(_root, "wiped"), "fw1"), "fw1", _specs, codec, secret).GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken);
        var b = await new HostKeyStore(new DeviceStateDirectory(_root, "fw2"), "fw2", _specs, codec, secret).GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken);
        var aEd = await new HostKeyStore(new DeviceStateDirectory(_root, "fw1"), "fw1", _specs, codec, secret).GetKeyAsync("ssh-ed25519", TestContext.Current.CancellationToken);
        Assert.Equal(a.FingerprintSha256, aAgain.FingerprintSha256);
        Assert.NotEqual(a.FingerprintSha256, b.FingerprintSha256);
        Assert.NotEqual(a.FingerprintSha256, aEd.FingerprintSha256);
    }

    [Fact]
    public async Task A_corrupt_key_file_stops_the_device_and_is_not_replaced()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        Directory.CreateDirectory(dir.Path);
        await File.WriteAllTextAsync(dir.HostKeyPath("ecdsa"), "-----BEGIN GARBAGE-----", TestContext.Current.CancellationToken);
        var store = new HostKeyStore(dir, "fw1", _specs, new CountingKeyCodec(), null);
        var ex = await Assert.ThrowsAsync<DeviceStateException>(() => store.GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(dir.HostKeyPath("ecdsa"), ex.File);
        await Assert.ThrowsAsync<DeviceStateException>(() => store.GetKeyAsync("ecdsa-sha2-nistp256", TestContext.Current.CancellationToken).AsTask());
        Assert.Equal("-----BEGIN GARBAGE-----", await File.ReadAllTextAsync(dir.HostKeyPath("ecdsa"), TestContext.Current.CancellationToken));
    }
}
