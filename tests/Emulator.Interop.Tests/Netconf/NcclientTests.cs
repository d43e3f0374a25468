using System.Text.Json;

namespace Emulator.Interop.Tests.Netconf;

/// <summary>
/// ncclient (Debian python3-ncclient) against a Comware 7 device's NETCONF port: the h3c device handler (get-bulk,
/// CLI, save) and the default handler (lock, edit-config, get-config, rpc-error), read back through the CLI model.
/// </summary>
public sealed class NcclientTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal const string Fleet = """
        devices:
          - { name: v7, profile: F1000-AI-55, ssh: "127.0.0.1:0", netconf: "127.0.0.1:0" }
        """;

    /// <summary>Turns NETCONF on over SSH (it is off by default) and returns the device's NETCONF port.</summary>
    internal static async Task<int> EnableNetconfAsync(RunningHost host)
    {
        var enable = await Clients.RunAsync(Clients.Python, [Clients.Script("paramiko_exec.py"), host.Port("v7").ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin",
            "system-view ; netconf ssh server enable"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.True(enable.ExitCode == 0, enable.ToString());
        var device = await host.DeviceAsync("v7");
        return device.GetProperty("netconf").GetProperty("port").GetInt32();
    }

    private static async Task<JsonElement> RunScriptAsync(string script, int port)
    {
        var result = await Clients.RunAsync(Clients.Python, [Clients.Script(script), port.ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin"],
            null, TimeSpan.FromSeconds(90), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StdOut.Trim().Split('\n')[^1]).RootElement;
    }

    [Fact]
    public async Task The_h3c_handler_reads_in_bulk_configures_through_the_CLI_and_saves()
    {
        Clients.RequirePythonModule("ncclient");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = await EnableNetconfAsync(host);
        var seen = await RunScriptAsync("ncclient_h3c.py", port);

        Assert.Contains("urn:ietf:params:netconf:base:1.1", seen.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("GigabitEthernet1/0/2", seen.GetProperty("interfaces").EnumerateArray().Select(c => c.GetString()));
        Assert.EndsWith("[NC-H3C-GigabitEthernet1/0/2]", seen.GetProperty("configuration").GetString(), StringComparison.Ordinal);
        Assert.Contains(" description set by ncclient cli", seen.GetProperty("execution").GetString(), StringComparison.Ordinal);
        Assert.True(seen.GetProperty("save_ok").GetBoolean());

        var saved = await host.SavedConfigurationAsync("v7");
        Assert.Contains(" sysname NC-H3C", saved, StringComparison.Ordinal);
        Assert.Contains(" netconf ssh server enable", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_handler_locks_edits_reads_back_and_gets_rpc_errors()
    {
        Clients.RequirePythonModule("ncclient");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = await EnableNetconfAsync(host);
        var seen = await RunScriptAsync("ncclient_default.py", port);

        Assert.True(seen.GetProperty("edit_ok").GetBoolean());
        Assert.Equal("NC-DEFAULT", seen.GetProperty("hostname").GetString());
        Assert.Contains("198.51.100.0", seen.GetProperty("routes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("data-missing", seen.GetProperty("error_tag").GetString());

        var running = await host.Http.GetStringAsync("/api/devices/v7/config/running", Ct);
        Assert.Contains("ip route-static 198.51.100.0 24 192.168.0.254", running, StringComparison.Ordinal);
        Assert.Contains("sysname NC-DEFAULT", running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_h3c_handler_writes_and_reads_security_policy_rules()
    {
        Clients.RequirePythonModule("ncclient");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = await EnableNetconfAsync(host);
        var seen = await RunScriptAsync("ncclient_security_policy.py", port);

        Assert.True(seen.GetProperty("edit_ok").GetBoolean());
        var rules = seen.GetProperty("rules").EnumerateArray().Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("name").GetString()} {r.GetProperty("action").GetString()}");
        Assert.Equal(["4 nc-cli 2", "6 nc-edit 1"], rules);
        Assert.Equal(["4:Trust"], seen.GetProperty("source_zones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal(["6:Untrust"], seen.GetProperty("destination_zones").EnumerateArray().Select(z => z.GetString()));

        using var running = JsonDocument.Parse(await host.Http.GetStringAsync("/api/devices/v7/config/running", Ct));
        Assert.Contains(" rule 6 name nc-edit\n  action drop\n  destination-zone Untrust", running.RootElement.GetProperty("configuration").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_NETCONF_port_refuses_connections_while_NETCONF_is_off()
    {
        Clients.RequirePythonModule("ncclient");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var device = await host.DeviceAsync("v7");
        var port = device.GetProperty("netconf").GetProperty("port").GetInt32();
        var result = await Clients.RunAsync(Clients.Python, [Clients.Script("ncclient_default.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin"],
            null, TimeSpan.FromSeconds(90), Ct);
        Assert.NotEqual(0, result.ExitCode);
    }
}
