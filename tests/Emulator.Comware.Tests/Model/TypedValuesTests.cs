using Emulator.Comware.Model.Values;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Model;

/// <summary>One table per concept: what the CLI parameters parse is what the model and displays use.</summary>
public class TypedValuesTests
{
    [Theory]
    // Input abbreviation (H3C V7 Fundamentals, Table 2: Vlan-int) and brief display form (Vlan) live in one row.
    [InlineData("Vlan-int10", "Vlan-interface10", "Vlan10", InterfaceKind.VlanInterface)]
    [InlineData("vlan 20", "Vlan-interface20", "Vlan20", InterfaceKind.VlanInterface)]
    [InlineData("GE0/1.10", "GigabitEthernet0/1.10", "GE0/1.10", InterfaceKind.SubInterface)]
    [InlineData("loop1", "LoopBack1", "Loop1", InterfaceKind.LoopBack)]
    [InlineData("Tun1", "Tunnel1", "Tun1", InterfaceKind.Other)]
    public void One_interface_table_parses_abbreviations_and_prints_brief_names(string typed, string full, string brief, InterfaceKind kind)
    {
        Assert.True(InterfaceNames.TryParse(typed, out var name));
        Assert.Equal(full, name.FullName);
        Assert.Equal(brief, name.BriefName);
        Assert.Equal(kind, name.Kind);
    }

    [Theory]
    [InlineData("Tunnel1")]
    [InlineData("Vlan-interface0")]
    [InlineData("GE0/1.5000")]
    [InlineData("NULL1")]
    public void Names_that_parse_but_cannot_exist_on_the_firewall_are_refused_by_the_model(string typed)
    {
        var config = new Comware.Model.Firewall.FirewallConfig(TestDevices.V5Facts);
        Assert.True(InterfaceNames.TryParse(typed, out var name));
        Assert.False(config.Interfaces.GetOrCreate(name, out _).Ok);
    }

    [Theory]
    [InlineData("10.1.1.1", true)]
    [InlineData("010.1.1.1", true)]
    [InlineData("10.1.1", false)]
    [InlineData("10.1.1.256", false)]
    [InlineData("0x0a.1.1.1", false)]
    [InlineData("10.1.1.1.", false)]
    public void Ipv4_addresses_are_strict_dotted_quads(string text, bool valid) => Assert.Equal(valid, Ipv4Address.TryParse(text, out _));

    [Theory]
    [InlineData("24", 24)]
    [InlineData("255.255.255.0", 24)]
    [InlineData("0.0.0.0", 0)]
    [InlineData("255.0.255.0", -1)]
    [InlineData("33", -1)]
    public void Masks_are_dotted_or_lengths(string text, int length) =>
        Assert.Equal(length, SubnetMask.TryParse(text, out var mask) ? mask.PrefixLength : -1);

    [Theory]
    [InlineData(Ports.Tcp, "www", 80)]
    [InlineData(Ports.Udp, "dns", 53)]
    [InlineData(Ports.Udp, "www", -1)]
    [InlineData(Ports.Tcp, "65535", 65535)]
    [InlineData(Ports.Tcp, "65536", -1)]
    public void Port_names_depend_on_the_protocol(int protocol, string text, int port) =>
        Assert.Equal(port, Ports.TryParsePort(protocol, text, out var value) ? value : -1);

    [Fact]
    public async Task Nat_server_ports_are_typed_parameters_with_a_caret()
    {
        var device = TestDevices.Create(ComwareDialect.V5);
        var output = await ShellDriver.RunAsync(device,
            "system-view\rinterface GigabitEthernet0/2\rip address 203.0.113.2 30\rnat server protocol udp global 203.0.113.2 www inside 10.0.0.1 80\r"
            + "nat server protocol tcp global 203.0.113.2 www inside 10.0.0.1 8080\rdisplay this\r");
        Assert.Contains("% Wrong parameter found at '^' position.", output, StringComparison.Ordinal);
        Assert.Contains(" nat server protocol tcp global 203.0.113.2 www inside 10.0.0.1 8080", output, StringComparison.Ordinal);
        Assert.DoesNotContain("protocol udp global 203.0.113.2 www", output.Split("display this")[1], StringComparison.Ordinal);
    }
}
