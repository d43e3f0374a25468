using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Emulator.Device.Fleet;
using Emulator.Device.Runtime;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Host.Tests;

/// <summary>Issue 15: devices on one port at different loopback addresses share a socket; idle devices stay small.</summary>
public sealed class SharedListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Devices_stepped_by_address_share_one_socket_and_each_answers_at_its_own_address()
    {
        var dir = TestHosts.NewStateDir();
        var port = TestHosts.FreePort();
        try
        {
            var fleet = TestHosts.WriteFleet(dir, $"""
                devices:
                  - name: "edge{"{n}"}"
                    profile: F1000-E
                    count: 3
                    step: address
                    ssh: 127.0.77.1:{port}
                """);
            await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(dir, "state"), fleet) with { Control = null });

            Assert.Equal(["127.0.77.1", "127.0.77.2", "127.0.77.3"], app.Fleet.Devices.Select(d => d.EndPoint.Address.ToString()));
            Assert.All(app.Fleet.Devices, d => Assert.Equal(port, d.EndPoint.Port));
            Assert.Equal(1, ListeningSockets(port));
            Assert.All(app.Fleet.Devices, d => Assert.False(d.IsWarm));

            using (var ssh = new Renci.SshNet.SshClient(new Renci.SshNet.ConnectionInfo("127.0.77.2", port, "admin", new Renci.SshNet.PasswordAuthenticationMethod("admin", "admin"))))
            {
                await ssh.ConnectAsync(Ct);
                using var command = ssh.RunCommand("display version");
                Assert.Contains("F1000-E", command.Result, StringComparison.Ordinal);
            }

            Assert.Equal([false, true, false], app.Fleet.Devices.Select(d => d.IsWarm));

            // An address of the range that no device owns: the connection is reset, nothing answers.
            using var stray = new TcpClient();
            var buffer = new byte[64];
            var ended = await Record.ExceptionAsync(async () =>
            {
                await stray.ConnectAsync(IPAddress.Parse("127.0.77.9"), port, Ct);
                if (await stray.GetStream().ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct) != 0)
                {
                    throw new InvalidOperationException("the stray connection got data");
                }
            });
            Assert.True(ended is null or IOException or SocketException, ended?.ToString());
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    [Fact]
    public async Task An_address_taken_by_another_socket_leaves_the_others_serving_on_their_own_sockets()
    {
        var dir = TestHosts.NewStateDir();
        var port = TestHosts.FreePort();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Parse("127.0.78.2"), port));
        squatter.Listen();
        try
        {
            var fleet = TestHosts.WriteFleet(dir, $"""
                devices:
                  - name: "lab{"{n}"}"
                    profile: F1000-E
                    count: 3
                    step: address
                    ssh: 127.0.78.1:{port}
                """);
            await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(dir, "state"), fleet) with { Control = null });

            Assert.Equal([DeviceStatus.Listening, DeviceStatus.Failed, DeviceStatus.Listening], app.Fleet.Devices.Select(d => d.Status));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Parse("127.0.78.3"), port, Ct);
            var banner = new byte[8];
            Assert.Equal(8, await tcp.GetStream().ReadAtLeastAsync(banner, 8, cancellationToken: Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
            Assert.StartsWith("SSH-", System.Text.Encoding.ASCII.GetString(banner), StringComparison.Ordinal);
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    /// <summary>
    /// A device that nothing has talked to keeps only its spec and status: its facts, state folder, host key store,
    /// faults, transcripts and SSH server are made on first use (issue 15: 100,000 devices at &lt;= 2 KB each).
    /// </summary>
    [Fact]
    public async Task An_idle_device_allocates_under_a_kilobyte()
    {
        const int devices = 2000;
        var profile = TestHosts.Catalog.Get("F1000-E");
        var specs = Enumerable.Range(1, devices)
            .Select(i => new DeviceSpec("fw" + i.ToString(CultureInfo.InvariantCulture), profile, new IPEndPoint(IPAddress.Loopback, 20000 + i), profile.Ssh.DefaultPolicy))
            .ToList();
        var dir = TestHosts.NewStateDir();
        var before = GC.GetAllocatedBytesForCurrentThread();
        await using var fleet = new DeviceFleet(specs, dir, SshHostKeyCodec.Instance, null, ComwareEngine.Factory, TimeProvider.System, NullLoggerFactory.Instance);
        var perDevice = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)devices;

        Assert.True(perDevice < 1024, $"{perDevice:0} bytes allocated per idle device");
        Assert.False(Directory.Exists(dir)); // nothing touched the disk either
    }

    /// <summary>LISTEN sockets on <paramref name="port"/> in /proc/net/tcp (state 0A).</summary>
    private static int ListeningSockets(int port)
    {
        var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f[1].EndsWith(hexPort, StringComparison.Ordinal) && f[3] == "0A");
    }
}
