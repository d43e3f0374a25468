using System.Net;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.Runtime;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Microsoft.Extensions.Logging.Abstractions;

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

    /// <summary>
    /// The host makes keys while it starts, so the failed save can come before the device listens; it was then
    /// ignored and the device came up healthy (a CI run caught /healthz saying 200).
    /// </summary>
    [Fact]
    public async Task A_failed_key_save_before_the_device_listens_still_marks_it_degraded()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(_root, "not a folder", ct);
        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-E", out var profile));
        var spec = new DeviceSpec("fw1", profile!, new IPEndPoint(IPAddress.Loopback, 0), profile!.Ssh.DefaultPolicy);
        await using var fleet = new DeviceFleet([spec], _root, new CountingKeyCodec(), null, ComwareEngine.Factory, TimeProvider.System,
            NullLoggerFactory.Instance);
        var device = fleet.Devices[0];
        await device.HostKeys.GetAllAsync(ct);

        Assert.Equal(1, fleet.StartAll());
        Assert.Equal(DeviceStatus.Degraded, device.Status);
        Assert.Contains("cannot be written", device.Error, StringComparison.Ordinal);
        await fleet.StopAllAsync(TimeSpan.FromSeconds(1));
    }
}
