namespace Emulator.Interop.Tests;

/// <summary>Users, save and restarts through real clients.</summary>
public sealed class LifecycleTests : IDisposable
{
    private const string Fleet = """
        devices:
          - { name: fw, profile: F1000-E, ssh: "127.0.0.1:0" }
        """;

    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_user_created_in_the_cli_logs_in_over_ssh_at_once()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("fw");
        var before = await Clients.SshAsync(port, "ops", "Ops@12345", "display version", null, Ct);
        Assert.NotEqual(0, before.ExitCode);

        var create = await Clients.SshAsync(port, "admin", "admin", null,
            "system-view\nlocal-user ops\npassword simple Ops@12345\nservice-type ssh\nauthorization-attribute level 3\nreturn\nquit\n", Ct, "-tt");
        Assert.True(create.ExitCode == 0, create.ToString());

        var after = await Clients.SshAsync(port, "ops", "Ops@12345", "display version", null, Ct);
        Assert.True(after.ExitCode == 0, after.ToString() + "\n--- creating session\n" + create);
    }

    [Fact]
    public async Task A_saved_change_survives_a_host_restart_and_an_unsaved_one_does_not()
    {
        await using (var host = await RunningHost.StartAsync(_dir, Fleet))
        {
            var result = await Clients.SshAsync(host.Port("fw"), "admin", "admin", null,
                "system-view\nsysname SAVED-FW\nsave force\nsysname UNSAVED-FW\nreturn\nquit\n", Ct, "-tt");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("[UNSAVED-FW]", Clients.Normalize(result.StdOut), StringComparison.Ordinal);
        }

        Assert.Contains("sysname SAVED-FW", await File.ReadAllTextAsync(new Emulator.Device.State.DeviceStateDirectory(_dir, "fw").StartupConfigurationPath, Ct), StringComparison.Ordinal);
        await using (var host = await RunningHost.StartAsync(_dir, Fleet))
        {
            var result = await Clients.SshAsync(host.Port("fw"), "admin", "admin", "display current-configuration", null, Ct);
            var text = Clients.Normalize(result.StdOut);
            Assert.Contains("sysname SAVED-FW", text, StringComparison.Ordinal);
            Assert.DoesNotContain("UNSAVED-FW", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Netmiko_hp_comware_connects_shows_configures_saves_and_reconnects()
    {
        Clients.RequirePythonModule("netmiko");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var result = await Clients.RunAsync(Clients.Python,
            [Clients.Script("netmiko_cycle.py"), host.Port("fw").ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin", "to-isp-netmiko"],
            null, TimeSpan.FromSeconds(180), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verified: description survives reconnect", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("description to-isp-netmiko", await File.ReadAllTextAsync(new Emulator.Device.State.DeviceStateDirectory(_dir, "fw").StartupConfigurationPath, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_ssh_server_enable_refuses_new_logins_and_keeps_the_open_session()
    {
        Clients.RequirePythonModule("paramiko");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var result = await Clients.RunAsync(Clients.Python,
            [Clients.Script("ssh_server_toggle.py"), host.Port("fw").ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin"],
            null, TimeSpan.FromSeconds(120), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("second login: refused", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("SSH server: Disable", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("after re-enable: accepted", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Netmiko_copes_with_injected_faults_as_with_a_real_network()
    {
        Clients.RequirePythonModule("netmiko");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var result = await Clients.RunAsync(Clients.Python,
            [Clients.Script("netmiko_faults.py"), host.Port("fw").ToString(System.Globalization.CultureInfo.InvariantCulture), host.Http.BaseAddress!.ToString(), "fw"],
            null, TimeSpan.FromSeconds(240), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("rbm prompt: RBM_S<", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("slow command: gave up after 1 s", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("auth-refuse: NetMikoAuthenticationException", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("reboot: back after", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsh_reports_a_connection_dropped_during_key_exchange()
    {
        Clients.Require("ssh");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        using var body = new StringContent("""{"kind":"drop","at":"kex","once":true}""", System.Text.Encoding.UTF8, "application/json");
        (await host.Http.PostAsync("/api/devices/fw/faults", body, Ct)).EnsureSuccessStatusCode();

        var dropped = await Clients.SshAsync(host.Port("fw"), "admin", "admin", "display clock", null, Ct, "-o", "LogLevel=INFO");
        Assert.Equal(255, dropped.ExitCode);
        Assert.Matches("Connection (reset|closed)", dropped.StdErr);

        var next = await Clients.SshAsync(host.Port("fw"), "admin", "admin", "display clock", null, Ct);
        Assert.True(next.ExitCode == 0, next.ToString());
    }
}
