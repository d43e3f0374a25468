using System.Globalization;

namespace Emulator.Interop.Tests.Telnet;

/// <summary>
/// Real telnet clients against the devices' telnet listeners: netmiko hp_comware_telnet on a Comware 5 device (telnet
/// on by default, scheme login), telnet(1) driven by expect on a Comware 7 device once <c>telnet server enable</c> is set.
/// </summary>
public sealed class TelnetClientTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int TelnetPort(System.Text.Json.JsonElement device) => device.GetProperty("telnet").GetProperty("port").GetInt32();

    [Fact]
    public async Task Netmiko_hp_comware_telnet_connects_shows_configures_and_saves()
    {
        Clients.RequirePythonModule("netmiko");
        await using var host = await RunningHost.StartAsync(_dir, """
            devices:
              - { name: v5, profile: F1000-E, ssh: "127.0.0.1:0", telnet: "127.0.0.1:0" }
            """);
        var port = TelnetPort(await host.DeviceAsync("v5"));
        var result = await Clients.RunAsync(Clients.Python, [Clients.Script("netmiko_cycle.py"), port.ToString(CultureInfo.InvariantCulture), "admin", "admin", "set-over-telnet", "hp_comware_telnet"],
            null, TimeSpan.FromSeconds(120), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verified", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("description set-over-telnet", await host.SavedConfigurationAsync("v5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telnet_and_expect_log_in_to_a_V7_device_once_the_server_is_enabled()
    {
        var telnet = Clients.Require("telnet");
        var expect = Clients.Require("expect");
        await using var host = await RunningHost.StartAsync(_dir, """
            devices:
              - { name: v7, profile: F1000-AI-55, ssh: "127.0.0.1:0", telnet: "127.0.0.1:0" }
            """);
        var port = TelnetPort(await host.DeviceAsync("v7")).ToString(CultureInfo.InvariantCulture);
        Assert.NotNull(telnet);

        // Comware 7 ships with the telnet server off: the connection closes before any prompt.
        var refused = await Clients.RunAsync(expect, [Clients.Script("telnet_login.exp"), port, "admin", "admin", "display users"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.Contains("CLOSED-BEFORE-LOGIN", refused.StdOut, StringComparison.Ordinal);

        var enable = await Clients.RunAsync(Clients.Python, [Clients.Script("paramiko_exec.py"), host.Port("v7").ToString(CultureInfo.InvariantCulture), "admin", "admin",
            "system-view ; telnet server enable ; local-user admin class manage ; service-type telnet ; quit ; line vty 0 63 ; authentication-mode scheme"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.True(enable.ExitCode == 0, enable.ToString());

        var wrong = await Clients.RunAsync(expect, [Clients.Script("telnet_login.exp"), port, "admin", "wrong", "display users"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.Contains("LOGIN-FAILED", wrong.StdOut, StringComparison.Ordinal);

        var login = await Clients.RunAsync(expect, [Clients.Script("telnet_login.exp"), port, "admin", "admin", "display users"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Matches(@"\+ \d+ +VTY 0 .* Telnet", login.StdOut);
        Assert.Contains("User name: admin", login.StdOut, StringComparison.Ordinal);
    }
}
