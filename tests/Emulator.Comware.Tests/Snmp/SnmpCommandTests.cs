using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Snmp;

/// <summary>The snmp-agent commands: model, rendering, round trip through a reboot, displays.</summary>
public class SnmpCommandTests
{
    private static string Script(ComwareDialect dialect) =>
        "snmp-agent\n" +
        "snmp-agent sys-info contact ops@example.net\n" +
        "snmp-agent sys-info location Rack 4, Lab\n" +
        "snmp-agent sys-info version v2c v3\n" +
        "snmp-agent community read public acl 2000\n" +
        (dialect == ComwareDialect.V5 ? "snmp-agent community write private\n" : "snmp-agent community write simple private\n") +
        "snmp-agent group v3 ops privacy\n" +
        "snmp-agent usm-user v3 alice ops authentication-mode sha Auth#Pass1 privacy-mode aes128 Priv#Pass1\n" +
        "snmp-agent target-host trap address udp-domain 127.0.0.1 udp-port 10162 params securityname public v2c\n" +
        "snmp-agent trap enable\n";

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Configuration_renders_and_survives_a_replay(ComwareDialect dialect)
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(ct);
        var report = await device.LoadConfigurationAsync(Script(dialect), ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var config = device.GetState<SnmpAgentConfig>();
        Assert.True(config.Enabled);
        Assert.Equal(SnmpVersions.V2c | SnmpVersions.V3, config.Versions);
        Assert.Equal(["public", "private"], config.Communities.Select(c => c.Secret));
        Assert.Equal("Priv#Pass1", Assert.Single(config.Users).PrivPassword);
        var rendered = device.RenderCurrentConfiguration();
        Assert.Contains(" snmp-agent sys-info location Rack 4, Lab\n", rendered, StringComparison.Ordinal);
        Assert.Contains(" snmp-agent target-host trap address udp-domain 127.0.0.1 udp-port 10162 params securityname public v2c\n", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth#Pass1", rendered, StringComparison.Ordinal);
        Assert.Equal(dialect == ComwareDialect.V5, rendered.Contains(" snmp-agent community read public acl 2000\n", StringComparison.Ordinal));

        using var second = TestDevices.Create(dialect, rendered);
        var boot = await second.EnsureBootedAsync(ct);
        Assert.True(boot.Succeeded, string.Join("; ", boot.Errors) + "\n" + rendered);
        Assert.Equal(rendered, second.RenderCurrentConfiguration());
        var user = Assert.Single(second.GetState<SnmpAgentConfig>().Users);
        Assert.Equal(("Auth#Pass1", "Priv#Pass1"), (user.AuthPassword, user.PrivPassword));
        Assert.Equal("private", second.GetState<SnmpAgentConfig>().Communities[1].Secret);
    }

    [Fact]
    public async Task Undo_snmp_agent_keeps_the_settings_and_stays_off_after_a_replay()
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(ComwareDialect.V5);
        await device.EnsureBootedAsync(ct);
        await device.LoadConfigurationAsync("snmp-agent community read public\nundo snmp-agent\n", ct);
        var rendered = device.RenderCurrentConfiguration();
        using var second = TestDevices.Create(ComwareDialect.V5, rendered);
        await second.EnsureBootedAsync(ct);
        Assert.False(second.GetState<SnmpAgentConfig>().Enabled);
        Assert.Single(second.GetState<SnmpAgentConfig>().Communities);
    }

    [Fact]
    public async Task A_v3_user_needs_an_existing_group()
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(ct);
        var report = await device.LoadConfigurationAsync("snmp-agent usm-user v3 bob nogroup authentication-mode md5 Secret123\n", ct);
        Assert.False(report.Succeeded);
        Assert.Empty(device.GetState<SnmpAgentConfig>().Users);
    }

    [Theory]
    [InlineData(ComwareDialect.V5, "Storage-type")]
    [InlineData(ComwareDialect.V7, "Storage type")]
    public async Task Displays_show_communities_sys_info_and_statistics(ComwareDialect dialect, string storage)
    {
        using var device = TestDevices.Create(dialect);
        var output = (await ShellDriver.RunAsync(device,
            "system-view\nsnmp-agent community read public\nsnmp-agent sys-info version all\ndisplay snmp-agent community\ndisplay snmp-agent sys-info\ndisplay snmp-agent statistics\n")).Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("       " + storage + ": nonVolatile", output, StringComparison.Ordinal);
        Assert.Contains("SNMP version running in the system:\n        SNMPv1 SNMPv2c SNMPv3", output, StringComparison.Ordinal);
        Assert.Contains("  0 Messages delivered to the SNMP entity", output, StringComparison.Ordinal);
        Assert.Contains("The physical location of this node:\n        Hangzhou, China", output, StringComparison.Ordinal);
    }
}
