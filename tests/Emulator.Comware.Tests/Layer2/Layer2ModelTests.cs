using Emulator.Comware.Model.Layer2;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Layer2;

/// <summary>
/// The layer-2 model (issue 13): configured as commands, shown in <c>display current-configuration</c>, rebuilt by a
/// replay of the saved configuration, and driving the layer-2 displays; neighbours from the device facts fill LLDP,
/// ARP and the MAC table.
/// </summary>
public class Layer2ModelTests
{
    /// <summary>A configuration touching every layer-2 command, with the port names of the dialect's test device.</summary>
    public static string Script(ComwareDialect dialect)
    {
        var p = dialect == ComwareDialect.V5 ? "GigabitEthernet0/" : "GigabitEthernet1/0/";
        return string.Join('\n',
            "screen-length disable",
            "system-view",
            "vlan 10", "name users", "description User VLAN", "quit",
            "vlan 20", "quit",
            "ip vpn-instance red", "route-distinguisher 100:1", "quit",
            "interface Vlan-interface10", "ip address 10.10.0.1 255.255.255.0", "quit",
            "interface Bridge-Aggregation1", "port link-type trunk", "port trunk permit vlan 10 20", "quit",
            "interface Route-Aggregation2", "ip binding vpn-instance red", "ip address 10.20.0.1 24", "quit",
            $"interface {p}1", "port link-mode bridge", "port access vlan 10", "quit",
            $"interface {p}2", "port link-mode bridge", "port link-aggregation group 1", "undo lldp enable", "quit",
            $"interface {p}3", "port link-aggregation group 2", "quit",
            "arp static 10.10.0.9 00e0-fc01-0203 10 " + p + "1",
            "arp static 10.20.0.7 00e0-fc01-0707",
            "return",
            "display current-configuration",
            "") + "\n";
    }

    private static ComwareDevice Device(ComwareDialect dialect, string? startup = null, IReadOnlyList<NeighborFacts>? neighbors = null)
    {
        var facts = TestDevices.Facts(dialect) with { Neighbors = neighbors ?? [] };
        return new ComwareDevice(facts, new FakeDeviceServices { Medium = facts.Hardware.StorageMedium, StartupConfiguration = startup },
            new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
    }

    private static async Task<string> BootedConfigurationAsync(ComwareDialect dialect, string startup)
    {
        var device = Device(dialect, startup + "\n");
        var report = await device.EnsureBootedAsync(CancellationToken.None);
        Assert.Empty(report.Errors);
        return string.Join('\n', device.RenderCurrentConfigurationLines());
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Configuration_shows_and_replays_to_the_same_model(ComwareDialect dialect)
    {
        var device = Device(dialect, "#\n sysname H3C\n#\nreturn\n");
        var output = await ShellDriver.RunAsync(device, Script(dialect));
        Assert.DoesNotContain("% Unrecognized", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n% ", output.Replace("% Screen-length", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var config = string.Join('\n', device.RenderCurrentConfigurationLines());
        foreach (var expected in new[]
        {
            "vlan 10\n name users\n description User VLAN", "vlan 20", "ip vpn-instance red\n route-distinguisher 100:1",
            "port link-mode bridge\n port access vlan 10", "port link-type trunk\n port trunk permit vlan 1 10 20",
            "ip binding vpn-instance red\n ip address 10.20.0.1 255.255.255.0", " undo lldp enable\n port link-aggregation group 1",
            " port link-aggregation group 2", " arp static 10.10.0.9 00e0-fc01-0203 10 GigabitEthernet", " arp static 10.20.0.7 00e0-fc01-0707",
        })
        {
            Assert.Contains(expected, config, StringComparison.Ordinal);
        }

        // Saved and booted twice: the layer-2 lines survive and the second boot renders what the first did.
        var booted = await BootedConfigurationAsync(dialect, config);
        Assert.Equal(config, booted);
        Assert.Equal(booted, await BootedConfigurationAsync(dialect, booted));
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Displays_follow_the_model_and_the_neighbours(ComwareDialect dialect)
    {
        var p = dialect == ComwareDialect.V5 ? "GigabitEthernet0/" : "GigabitEthernet1/0/";
        var device = Device(dialect, neighbors:
        [
            new NeighborFacts(p + "1", "sw1", "GigabitEthernet1/0/24", "00aa-bb00-0001", "00aa-bb00-0101", ["10.10.0.2"]),
            new NeighborFacts(p + "2", "hidden", "GigabitEthernet1/0/9", "00aa-bb00-0009"),
            new NeighborFacts(p + "0", "fw2", "GigabitEthernet1/0/0", "00aa-bb00-0002", null, ["192.168.5.2"]),
        ]);
        var script = Script(dialect).Replace("display current-configuration\n", "", StringComparison.Ordinal)
            + "system-view\ninterface " + p + "0\nip address 192.168.5.1 24\nreturn\n"
            + string.Join('\n', "display vlan all", "display vlan brief", "display link-aggregation summary", "display link-aggregation verbose",
                "display link-aggregation member-port", "display lldp neighbor-information list", "display lldp neighbor-information verbose",
                "display arp", "display mac-address", "display ip vpn-instance", "display ip vpn-instance instance-name red") + "\n";
        var output = (await ShellDriver.RunAsync(device, script)).Replace("\r", "", StringComparison.Ordinal);
        Assert.DoesNotContain("% Unrecognized", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n% ", output.Replace("% Screen-length", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(" Name: users", output, StringComparison.Ordinal);
        Assert.Contains("1         VLAN 0001                        BAGG1\n", output, StringComparison.Ordinal); // the member GE.2 is listed through its aggregate
        Assert.Contains("10        users                            BAGG1  GE" + p[15..] + "1\n", output, StringComparison.Ordinal);
        Assert.Contains("Bridge-Aggregation1", output, StringComparison.Ordinal);
        Assert.Contains("sw1                  GE" + p[15..] + "1", output, StringComparison.Ordinal);
        Assert.Contains("fw2                  GE" + p[15..] + "0", output, StringComparison.Ordinal);
        Assert.Contains("10.10.0.2", output, StringComparison.Ordinal);
        Assert.Contains("192.168.5.2", output, StringComparison.Ordinal);
        Assert.Contains("00aa-bb00-0101 10       Learned        " + p + "1", output, StringComparison.Ordinal);
        Assert.Contains("  red                             100:1", output, StringComparison.Ordinal);
        Assert.Contains("  Interfaces : Route-Aggregation2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", output, StringComparison.Ordinal); // LLDP is off on that port
    }
}
