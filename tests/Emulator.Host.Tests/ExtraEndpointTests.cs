using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Emulator.Host.Tests;

/// <summary>--netconf-port / --telnet-port, their listeners and their place in /api/devices.</summary>
public sealed class ExtraEndpointTests
{
    private static readonly Dictionary<string, string?> _noEnv = [];

    [Fact]
    public void The_ports_are_optional_and_checked()
    {
        Assert.Null(HostSettings.Load([], _noEnv, null).NetconfPort);
        var s = HostSettings.Load(["--netconf-port", "830"], new Dictionary<string, string?> { ["EMULATOR_TELNET_PORT"] = "23" }, null);
        Assert.Equal(830, s.NetconfPort);
        Assert.Equal(23, s.TelnetPort);
        Assert.Contains("--telnet-port", Assert.Throws<ArgumentException>(() => HostSettings.Load(["--telnet-port", "70000"], _noEnv, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_single_device_listens_on_both_and_the_api_shows_them()
    {
        var dir = TestHosts.NewStateDir();
        try
        {
            var settings = TestHosts.Settings(dir) with { NetconfPort = 0, TelnetPort = 0 };
            await using var app = await TestHosts.StartAsync(settings);
            using var http = TestHosts.Client(app);
            var device = (await http.GetFromJsonAsync<JsonElement[]>("/api/devices", TestContext.Current.CancellationToken))![0];
            foreach (var key in (string[])["netconf", "telnet"])
            {
                var port = device.GetProperty(key).GetProperty("port").GetInt32();
                Assert.NotEqual(0, port);
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    [Fact]
    public async Task A_port_that_cannot_be_bound_leaves_that_listener_out_and_ssh_serving()
    {
        var dir = TestHosts.NewStateDir();
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var settings = TestHosts.Settings(dir) with { TelnetPort = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port };
            await using var app = await TestHosts.StartAsync(settings);
            using var http = TestHosts.Client(app);
            var device = (await http.GetFromJsonAsync<JsonElement[]>("/api/devices", TestContext.Current.CancellationToken))![0];
            Assert.Equal(JsonValueKind.Null, device.GetProperty("telnet").ValueKind);
            Assert.Equal("listening", device.GetProperty("state").GetString());
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    [Fact]
    public async Task The_netconf_port_serves_the_netconf_subsystem_only()
    {
        var dir = TestHosts.NewStateDir();
        try
        {
            var settings = TestHosts.Settings(dir) with { Profile = "F1000-AI-55", NetconfPort = 0 };
            await using var app = await TestHosts.StartAsync(settings);
            var device = app.Fleet.Devices[0];
            Renci.SshNet.SshClient Client(int port) =>
                new(new Renci.SshNet.ConnectionInfo("127.0.0.1", port, "admin", new Renci.SshNet.PasswordAuthenticationMethod("admin", "admin")));

            using (var ssh = Client(device.EndPoint.Port))
            {
                ssh.Connect();
                ssh.RunCommand("system-view ; netconf ssh server enable").Dispose();
            }

            using var netconf = Client(device.NetconfEndPoint!.Port);
            netconf.Connect();
            using var command = netconf.RunCommand("display clock");
            Assert.Equal(1, command.ExitStatus);
            Assert.Equal("", command.Result);
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }
}
