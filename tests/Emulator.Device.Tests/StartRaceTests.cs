using Emulator.Device.State;

namespace Emulator.Device.Tests;

/// <summary>
/// Issue 20, start race: the host created a host key (through a temporary file) while the first connection's boot
/// removed every leftover temporary file, including that one, and the host crashed on the rename.
/// </summary>
public sealed class StartRaceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-race-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Start_race_leftover_cleanup_never_deletes_a_key_write_under_way()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = new DeviceStateDirectory(_root, "fw1");
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var keyWrite = AtomicFile.WriteAsync(dir.HostKeyPath("ed25519"), async (stream, token) =>
        {
            await stream.WriteAsync("key text"u8.ToArray(), token);
            writing.SetResult();
            await release.Task;
        }, UnixFileMode.UserRead | UnixFileMode.UserWrite, ct);

        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Null(dir.ReadStartupConfiguration()); // the first connection boots the device: leftovers are cleaned
        release.SetResult();
        await keyWrite;

        Assert.Equal("key text", await File.ReadAllTextAsync(dir.HostKeyPath("ed25519"), ct));
    }
}
