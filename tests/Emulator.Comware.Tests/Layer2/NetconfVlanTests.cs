using System.Xml.Linq;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Layer2;

/// <summary>The <c>VLAN/VLANs/VLANID</c> NETCONF table reads and writes the same VLANs as the CLI (issue 13).</summary>
public sealed class NetconfVlanTests
{
    private static readonly XNamespace Cfg = ConfigNs;
    private static readonly XNamespace Data = DataNs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Vlans_edited_over_netconf_show_in_the_cli_and_cli_vlans_in_get()
    {
        var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(Ct);
        Assert.True((await device.LoadConfigurationAsync(
            "vlan 20\n#\ninterface Vlan-interface20\n ip address 10.20.0.1 24\n#\ninterface GigabitEthernet1/0/2\n port link-mode bridge\n port access vlan 20\n", Ct)).Succeeded);
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync("<VLAN><VLANs><VLANID><ID>10</ID><Name>users</Name><Description>User VLAN</Description></VLANID></VLANs></VLAN>"));
        var running = await device.RenderCurrentConfigurationAsync(Ct);
        Assert.Contains("vlan 10\n name users\n description User VLAN\n#", running, StringComparison.Ordinal);

        var config = await client.GetConfigAsync("<VLAN/>");
        Assert.Equal(["1", "10", "20"], config.Descendants(Cfg + "VLANID").Select(r => r.Element(Cfg + "ID")!.Value));
        Assert.Empty(config.Descendants(Cfg + "UntaggedPortList"));

        var state = await client.RpcAsync($"<get><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><VLAN/></top></filter></get>");
        var vlan20 = state.Descendants(Data + "VLANID").Single(r => r.Element(Data + "ID")!.Value == "20");
        Assert.Equal("3", vlan20.Element(Data + "UntaggedPortList")!.Value); // GigabitEthernet1/0/2 is IfIndex 3
        Assert.NotNull(vlan20.Element(Data + "RouteIfIndex"));

        AssertOk(await client.EditAsync("<VLAN><VLANs><VLANID xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=\"delete\"><ID>10</ID></VLANID></VLANs></VLAN>"));
        Assert.DoesNotContain("vlan 10", await device.RenderCurrentConfigurationAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_interfaces_get_their_own_if_index()
    {
        var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(Ct);
        Assert.True((await device.LoadConfigurationAsync("interface Route-Aggregation1\n#\ninterface Bridge-Aggregation1\n", Ct)).Succeeded);
        await using var client = await OpenAsync(device);
        var reply = await client.RpcAsync($"<get><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><Ifmgr><Interfaces><Interface><Name/><IfIndex/></Interface></Interfaces></Ifmgr></top></filter></get>");
        var indexes = reply.Descendants(Data + "Interface").ToDictionary(r => r.Element(Data + "Name")!.Value, r => r.Element(Data + "IfIndex")!.Value);
        Assert.Equal("1001", indexes["Route-Aggregation1"]);
        Assert.Equal("3001", indexes["Bridge-Aggregation1"]);
    }
}
