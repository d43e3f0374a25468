using System.Net;
using System.Net.Sockets;

namespace Emulator.Interop.Tests.Snmp;

/// <summary>
/// net-snmp's command-line manager (Debian package <c>snmp</c>) against the agent: v2c get/walk/bulkwalk, v3 authPriv
/// with SHA/AES and MD5/DES, wrong keys refused; <c>snmptrapd</c> receives the linkDown a <c>shutdown</c> causes.
/// </summary>
public sealed class NetSnmpTests : IAsyncLifetime
{
    private const string Configuration =
        "snmp-agent\nsnmp-agent sys-info version all\nsnmp-agent community read public\nsnmp-agent community write private\n" +
        "snmp-agent sys-info location Lab rack 3\nsnmp-agent group v3 ops privacy\n" +
        "snmp-agent usm-user v3 alice ops authentication-mode sha Auth#Pass1 privacy-mode aes128 Priv#Pass1\n" +
        "snmp-agent usm-user v3 bob ops authentication-mode md5 Auth#Pass2 privacy-mode des56 Priv#Pass2\n";

    private readonly string _dir = RunningHost.NewDirectory();
    private RunningHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Agent(string device) => "udp:127.0.0.1:" + _host.Device(device).SnmpEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        _host = await RunningHost.StartAsync(_dir, """
            devices:
              - { name: fw1, profile: F1000-E, ssh: "127.0.0.1:0", snmp: "127.0.0.1:0" }
              - { name: fw2, profile: F1000-AI-55, ssh: "127.0.0.1:0", snmp: "127.0.0.1:0" }
            """);
        foreach (var name in new[] { "fw1", "fw2" })
        {
            var engine = await _host.Device(name).GetEngineAsync(Ct);
            var report = await engine.ApplyConfigurationAsync(Configuration, Ct);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static Task<Clients.Result> RunAsync(string tool, params string[] args) =>
        Clients.RunAsync(Clients.Require(tool, "snmp"), ["-M", "/dev/null", "-On", "-t", "2", "-r", "1", .. args], null, TimeSpan.FromSeconds(60), Ct);

    [Theory]
    [InlineData("fw1", "1.3.6.1.4.1.25506.1.239", "H3C SecPath F1000-E")]
    [InlineData("fw2", "1.3.6.1.4.1.25506.1.331", "H3C SecPath F1000-AI-55")]
    public async Task Snmpget_v2c_reads_the_system_group(string device, string sysObjectId, string model)
    {
        var result = await RunAsync("snmpget", "-v2c", "-c", "public", Agent(device), "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.6.0");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(".1.3.6.1.2.1.1.2.0 = OID: ." + sysObjectId, result.StdOut, StringComparison.Ordinal);
        Assert.Contains(model, result.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"Lab rack 3\"", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snmpwalk_and_snmpbulkwalk_list_the_same_interfaces()
    {
        var walk = await RunAsync("snmpwalk", "-v2c", "-c", "public", Agent("fw2"), "1.3.6.1.2.1.2.2.1.2");
        var bulk = await RunAsync("snmpbulkwalk", "-v2c", "-c", "public", "-Cr25", Agent("fw2"), "1.3.6.1.2.1.2.2.1.2");
        Assert.True(walk.ExitCode == 0, walk.ToString());
        Assert.True(bulk.ExitCode == 0, bulk.ToString());
        Assert.Contains("STRING: \"GigabitEthernet1/0/0\"", walk.StdOut, StringComparison.Ordinal);
        Assert.Equal(walk.StdOut, bulk.StdOut);
        var whole = await RunAsync("snmpbulkwalk", "-v2c", "-c", "public", Agent("fw1"), "1.3.6");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Contains(".1.3.6.1.2.1.47.1.1.1.1.11.1 = STRING: \"", whole.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("OID not increasing", whole.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice", "SHA", "Auth#Pass1", "AES", "Priv#Pass1")]
    [InlineData("bob", "MD5", "Auth#Pass2", "DES", "Priv#Pass2")]
    public async Task Snmpget_v3_authpriv_discovers_the_engine_and_reads(string user, string auth, string authPass, string priv, string privPass)
    {
        var result = await RunAsync("snmpget", "-v3", "-l", "authPriv", "-u", user, "-a", auth, "-A", authPass, "-x", priv, "-X", privPass, Agent("fw1"), "1.3.6.1.2.1.1.5.0");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(".1.3.6.1.2.1.1.5.0 = STRING: \"H3C\"", result.StdOut, StringComparison.Ordinal);
        var walk = await RunAsync("snmpbulkwalk", "-v3", "-l", "authPriv", "-u", user, "-a", auth, "-A", authPass, "-x", priv, "-X", privPass, Agent("fw2"), "1.3.6.1.2.1.31.1.1.1.1");
        Assert.True(walk.ExitCode == 0, walk.ToString());
        Assert.Contains("GigabitEthernet1/0/1", walk.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_v3_keys_and_unknown_users_are_refused()
    {
        var wrongAuth = await RunAsync("snmpget", "-v3", "-l", "authPriv", "-u", "alice", "-a", "SHA", "-A", "Wrong#Pass", "-x", "AES", "-X", "Priv#Pass1", Agent("fw1"), "1.3.6.1.2.1.1.5.0");
        Assert.NotEqual(0, wrongAuth.ExitCode);
        Assert.Contains("Authentication failure", wrongAuth.StdErr, StringComparison.OrdinalIgnoreCase);
        var unknown = await RunAsync("snmpget", "-v3", "-l", "authNoPriv", "-u", "mallory", "-a", "SHA", "-A", "Auth#Pass1", Agent("fw1"), "1.3.6.1.2.1.1.5.0");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("Unknown user name", unknown.StdErr, StringComparison.OrdinalIgnoreCase);
        var noPriv = await RunAsync("snmpget", "-v3", "-l", "authNoPriv", "-u", "alice", "-a", "SHA", "-A", "Auth#Pass1", Agent("fw1"), "1.3.6.1.2.1.1.5.0");
        Assert.Contains("authorizationError", noPriv.StdOut + noPriv.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Snmpset_on_a_read_only_object_fails_and_sysname_set_changes_the_configuration()
    {
        var readOnly = await RunAsync("snmpset", "-v2c", "-c", "private", Agent("fw1"), "1.3.6.1.2.1.1.1.0", "s", "new");
        Assert.NotEqual(0, readOnly.ExitCode);
        Assert.Contains("notWritable", readOnly.StdErr, StringComparison.Ordinal);
        var set = await RunAsync("snmpset", "-v2c", "-c", "private", Agent("fw1"), "1.3.6.1.2.1.1.5.0", "s", "core-fw");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("\n sysname core-fw\n", await _host.Device("fw1").GetRunningConfigurationAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public Task Snmptrapd_receives_link_down_after_shutdown() =>
        ReceiveLinkDownAsync("fw1", "GigabitEthernet0/1", "v2c", ".1.3.6.1.6.3.1.1.5.3");

    /// <summary>A v1 target host gets a Trap-PDU: snmptrapd prints "SNMP v1", the enterprise (sysObjectID) and "Link Down".</summary>
    [Fact]
    public async Task Snmptrapd_receives_a_v1_link_down_trap_from_a_v1_target_host()
    {
        var text = await ReceiveLinkDownAsync("fw2", "GigabitEthernet1/0/2", "v1", "Link Down");
        Assert.Contains("SNMP v1", text, StringComparison.Ordinal);
        Assert.Contains("." + _host.Device("fw2").Profile.SysObjectId, text, StringComparison.Ordinal);
    }

    private async Task<string> ReceiveLinkDownAsync(string device, string interfaceName, string version, string expected)
    {
        var snmptrapd = Clients.Require("/usr/sbin/snmptrapd", "snmptrapd");
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var conf = Path.Combine(_dir, "snmptrapd.conf");
        await File.WriteAllTextAsync(conf, "disableAuthorization yes\ndoNotLogTraps no\n", Ct);
        var log = Path.Combine(_dir, "traps.log");
        var info = new System.Diagnostics.ProcessStartInfo(snmptrapd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", "-C", "-c", conf, "-M", "/dev/null", "-On", "-Lf", log, "udp:127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var daemon = System.Diagnostics.Process.Start(info)!;
        try
        {
            await Task.Delay(1000, Ct);
            var engine = await _host.Device(device).GetEngineAsync(Ct);
            var report = await engine.ApplyConfigurationAsync(
                $"snmp-agent target-host trap address udp-domain 127.0.0.1 udp-port {port} params securityname public {version}\ninterface {interfaceName}\nshutdown\n", Ct);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
            var text = "";
            for (var i = 0; i < 100 && !text.Contains(expected, StringComparison.Ordinal); i++)
            {
                await Task.Delay(100, Ct);
                text = File.Exists(log) ? await File.ReadAllTextAsync(log, Ct) : "";
            }

            Assert.True(text.Contains(expected, StringComparison.Ordinal), text);
            Assert.Contains(interfaceName, text, StringComparison.Ordinal);
            return text;
        }
        finally
        {
            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync(CancellationToken.None);
        }
    }
}
