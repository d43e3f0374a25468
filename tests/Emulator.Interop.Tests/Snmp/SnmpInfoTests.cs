namespace Emulator.Interop.Tests.Snmp;

/// <summary>
/// Netdisco's SNMP::Info (Debian's <c>libsnmp-info-perl</c>) classifies a V7 SecPath as H3C and reads its model, chassis
/// serial (the one <c>display device manuinfo</c> prints) and interfaces. SNMP::Info refuses to start unless every MIB
/// module its H3C class names loads (27 modules and their imports). Debian ships none of them (libsmi2-common has been
/// empty since 2009, <c>snmp-mibs-downloader</c> is non-free), so the test carries them in <c>mibs/</c>: the IETF and
/// IANA modules from netdisco-mibs, and small replacements written here for the vendor modules whose licences do not
/// allow redistribution (see mibs/README.md). <c>SNMP_INFO_MIBS</c> may name a full netdisco-mibs checkout instead.
/// </summary>
public sealed class SnmpInfoTests : IAsyncLifetime
{
    private readonly string _dir = RunningHost.NewDirectory();
    private RunningHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await RunningHost.StartAsync(_dir, """
            devices:
              - { name: fw7, profile: F1000-AI-55, ssh: "127.0.0.1:0", snmp: "127.0.0.1:0" }
            """);
        var engine = await _host.Device("fw7").GetEngineAsync(Ct);
        var report = await engine.ApplyConfigurationAsync("snmp-agent\nsnmp-agent sys-info version v2c v3\nsnmp-agent community read simple public\n", Ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Snmp_info_classifies_the_device_as_h3c_and_reads_model_serial_and_interfaces()
    {
        var perl = Clients.Require("perl", "perl");
        var check = await Clients.RunAsync(perl, ["-MSNMP::Info", "-e", "1"], null, TimeSpan.FromSeconds(30), Ct);
        if (check.ExitCode != 0)
        {
            Clients.Require("/usr/share/perl5/SNMP/Info.pm", "libsnmp-info-perl");
        }

        var root = Environment.GetEnvironmentVariable("SNMP_INFO_MIBS");
        string[] dirs = string.IsNullOrEmpty(root)
            ? [.. new[] { "ietf", "replacements" }.Select(d => Path.Combine(AppContext.BaseDirectory, "mibs", d))]
            : [.. new[] { "rfc", "net-snmp", "cisco", "h3c", "hp" }.Select(d => Path.Combine(root, d))];
        Assert.True(File.Exists(Path.Combine(dirs[0], "IF-MIB.txt")), "IF-MIB.txt missing in " + dirs[0]);

        var device = _host.Device("fw7");
        var port = device.SnmpEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await Clients.RunAsync(perl, [Clients.Script("snmp_info.pl"), port, "public", .. dirs], null, TimeSpan.FromSeconds(120), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("class=SNMP::Info::Layer3::H3C", lines);
        Assert.Contains("vendor=H3C", lines);
        Assert.Contains(lines, l => l.StartsWith("model=", StringComparison.Ordinal) && l.Contains("F1000-AI-55", StringComparison.Ordinal));
        Assert.Contains("serial=" + device.Facts.Hardware.SerialNumber, lines);
        Assert.Contains("interface=GigabitEthernet1/0/1", lines);
        Assert.Contains("interface=Ten-GigabitEthernet1/0/24", lines);
    }
}
