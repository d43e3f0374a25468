using Emulator.Device.Profiles;
using Emulator.Device.State;

namespace Emulator.Device.Tests;

/// <summary>
/// Issue 20, unwritable state folder: every connection generated a new host key (the failed save dropped the cached
/// one) and logged an error with a stack. Keys must be created once and served from memory, the failure told once.
/// </summary>
public sealed class UnwritableStateTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-unwritable-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (File.Exists(_root))
        {
            File.Delete(_root);
        }
    }

    [Fact]
    public async Task Unwritable_state_folder_creates_each_key_once_and_reports_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // A regular file where the state folder belongs: nothing can be created below it, even by root.
        await File.WriteAllTextAsync(_root, "not a folder", ct);
        var codec = new CountingKeyCodec();
        var reports = new List<DeviceStateException>();
        var store = new HostKeyStore(new DeviceStateDirectory(_root, "fw1"), "fw1", [new("ssh-ed25519", 256), new("ecdsa-sha2-nistp256", 256)],
            codec, null, reports.Add);

        var first = await store.GetKeyAsync("ssh-ed25519", ct);
        var second = await store.GetKeyAsync("ssh-ed25519", ct);
        var third = await store.GetKeyAsync("ssh-ed25519", ct);
        var ecdsa = await store.GetKeyAsync("ecdsa-sha2-nistp256", ct);

        Assert.Equal(first.FingerprintSha256, second.FingerprintSha256);
        Assert.Equal(first.FingerprintSha256, third.FingerprintSha256);
        Assert.NotNull(ecdsa);
        Assert.Equal(2, codec.Generated);
        var report = Assert.Single(reports);
        Assert.Contains("cannot be written", report.Message, StringComparison.Ordinal);
        Assert.Contains("ssh_host_ed25519_key", report.Message, StringComparison.Ordinal);
    }
}
