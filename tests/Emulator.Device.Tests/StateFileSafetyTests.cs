using System.Runtime.Versioning;
using Emulator.Device.Profiles;
using Emulator.Device.State;

namespace Emulator.Device.Tests;

/// <summary>
/// Issue 20: device folders were 0755 and startup.cfg 0640 though it holds reversible V5 passwords; key files were
/// followed through symbolic links and read without a size cap; the directory was not synced after the rename.
/// </summary>
public sealed class StateFileSafetyTests : IDisposable
{
    private static readonly HostKeySpec[] _specs = [new("ssh-ed25519", 256)];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-safety-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Device_folder_is_0700_and_startup_cfg_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
        }

        var dir = new DeviceStateDirectory(_root, "fw1");
        await dir.WriteStartupConfigurationAsync("#\n local-user admin\n  password cipher $c$3$abc\n#\nreturn\n", Ct);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.StartupConfigurationPath));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Device_folder_made_0755_by_an_older_version_is_tightened_at_the_next_write()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
        }

        var dir = new DeviceStateDirectory(_root, "fw2");
        Directory.CreateDirectory(dir.Path);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        await new HostKeyStore(dir, "fw2", _specs, new CountingKeyCodec(), null).GetKeyAsync("ssh-ed25519", Ct);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.Path));
    }

    [Fact]
    public async Task Key_file_symlink_is_refused_not_followed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var elsewhere = new DeviceStateDirectory(_root, "other");
        var real = await new HostKeyStore(elsewhere, "other", _specs, new CountingKeyCodec(), null).GetKeyAsync("ssh-ed25519", Ct);
        var dir = new DeviceStateDirectory(_root, "fw1");
        dir.EnsureFolder();
        File.CreateSymbolicLink(dir.HostKeyPath("ed25519"), elsewhere.HostKeyPath("ed25519"));

        var ex = await Assert.ThrowsAsync<DeviceStateException>(() => new HostKeyStore(dir, "fw1", _specs, new CountingKeyCodec(), null).GetKeyAsync("ssh-ed25519", Ct).AsTask());
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(real);
    }

    [Fact]
    public async Task Key_file_larger_than_the_cap_is_refused_without_reading_it_all()
    {
        var dir = new DeviceStateDirectory(_root, "fw1");
        dir.EnsureFolder();
        await using (var big = File.Create(dir.HostKeyPath("ed25519")))
        {
            big.SetLength(HostKeyStore.MaxKeyFileBytes + 1);
        }

        var ex = await Assert.ThrowsAsync<DeviceStateException>(() => new HostKeyStore(dir, "fw1", _specs, new CountingKeyCodec(), null).GetKeyAsync("ssh-ed25519", Ct).AsTask());
        Assert.Contains("larger than", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HostKeyStore.MaxKeyFileBytes + 1, new FileInfo(dir.HostKeyPath("ed25519")).Length);
    }

    [Fact]
    public void Directory_fsync_after_rename_reaches_the_disk()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "fsync of a directory is done on Linux");
        Directory.CreateDirectory(_root);
        Assert.True(DirectorySync.Flush(_root));
        Assert.False(DirectorySync.Flush(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void Modern_policy_never_offers_ssh_dss_and_V5_device_policy_lists_it()
    {
        var v5 = ShippedProfileTests.Shipped.Get("F1000-E");
        Assert.DoesNotContain("ssh-dss", AlgorithmPolicy.Modern.Algorithms(v5.Ssh.Algorithms).HostKey);
        Assert.Contains("ssh-dss", AlgorithmPolicy.Device.Algorithms(v5.Ssh.Algorithms).HostKey);
    }
}
