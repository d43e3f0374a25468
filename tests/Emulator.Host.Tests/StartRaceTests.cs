using System.Net;
using System.Net.Sockets;
using Emulator.Device.Runtime;

namespace Emulator.Host.Tests;

/// <summary>
/// Issue 20, start race: CI scripts start the host, poll the port and connect at once. About one start in 15 crashed
/// when the first connection's boot removed the temporary file of a host key being created for the start log.
/// </summary>
public sealed class StartRaceTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    [Fact]
    public async Task Start_race_host_started_and_connected_at_once_never_crashes()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 12; round++)
        {
            var state = Path.Combine(_dir, "round" + round);
            var port = TestHosts.FreePort();
            var settings = TestHosts.Settings(state) with { SshPort = port, Control = null, Profile = "F1000-AI-55" };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var clients = Task.Run(() => ConnectUntilStoppedAsync(port, stop.Token), ct);
            var app = EmulatorApp.Create(settings, TestHosts.Catalog, Emulator.Device.Wiring.ComwareEngine.Factory,
                Emulator.Device.State.SshHostKeyCodec.Instance, TimeProvider.System);
            await using (app)
            {
                await app.StartAsync(ct);
                var connected = await clients.WaitAsync(TimeSpan.FromSeconds(30), ct);
                Assert.True(connected > 0, "no connection reached the device during the start");
                var device = Assert.Single(app.Fleet.Devices);
                Assert.Equal(DeviceStatus.Listening, device.Status);
                Assert.All(device.HostKeys.Specs, s => Assert.True(File.Exists(device.State.HostKeyPath(s.FileKind)), s.KeyType));
                await app.StopAsync(ct);
            }
        }
    }

    [Fact]
    public async Task Start_race_a_corrupt_key_file_with_known_hosts_at_start_does_not_stop_the_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: good, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
              - { name: bad, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
            """);
        var state = Path.Combine(_dir, "state");
        Directory.CreateDirectory(Path.Combine(state, "bad"));
        await File.WriteAllTextAsync(Path.Combine(state, "bad", "ssh_host_ed25519_key"), "-----BEGIN GARBAGE-----", ct);
        var knownHosts = Path.Combine(_dir, "known_hosts");
        // A fleet secret with several devices: keys are not made at start, only for the known_hosts file.
        var settings = TestHosts.Settings(state, fleet) with { Control = null, FleetSecret = "lab", KnownHosts = knownHosts };
        await using var app = await TestHosts.StartAsync(settings);
        var lines = await File.ReadAllLinesAsync(knownHosts, ct);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.EndsWith("# good", l, StringComparison.Ordinal));
        await app.StopAsync(ct);
    }

    /// <summary>Connects as fast as the listener accepts until one connection got the SSH banner; returns the number of connections.</summary>
    private static async Task<int> ConnectUntilStoppedAsync(int port, CancellationToken cancellationToken)
    {
        var connections = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }
            catch (SocketException)
            {
                await Task.Delay(1, cancellationToken);
                continue;
            }

            connections++;
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return connections;
            }
        }

        return connections;
    }
}
