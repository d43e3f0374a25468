using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Netconf.Data;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>H3C's action RPC: interface counters cleared per interface or all at once; anything else refused whole.</summary>
public sealed class NetconfActionTests
{
    private const string ActionNs = "http://www.h3c.com/netconf/action:1.0";

    private static async Task<ComwareDevice> DeviceWithTrafficAsync()
    {
        var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        foreach (var iface in H3cTables.Firewall(device).Interfaces.Take(2))
        {
            iface.Counters.CountInput(100);
            iface.Counters.CountOutput(60);
        }

        return device;
    }

    private static FirewallConfig Fw(ComwareDevice device) => H3cTables.Firewall(device);

    [Fact]
    public async Task Clear_on_one_interface_resets_only_its_counters()
    {
        using var device = await DeviceWithTrafficAsync();
        await using var client = await OpenAsync(device);
        AssertOk(await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Ifmgr><Interfaces><Interface><IfIndex>1</IfIndex><Clear/></Interface></Interfaces></Ifmgr></top></action>"));
        Assert.Equal(0, Fw(device).Interfaces[0].Counters.InputPackets);
        Assert.Equal(1, Fw(device).Interfaces[1].Counters.InputPackets);
    }

    [Fact]
    public async Task Clear_all_resets_every_interface()
    {
        using var device = await DeviceWithTrafficAsync();
        await using var client = await OpenAsync(device);
        AssertOk(await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Ifmgr><ClearAllIfStatistics><Clear/></ClearAllIfStatistics></Ifmgr></top></action>"));
        Assert.All(Fw(device).Interfaces, i => Assert.Equal(0, i.Counters.OutputBytes));
    }

    [Fact]
    public async Task An_unmodelled_action_is_refused_and_nothing_in_the_same_request_is_applied()
    {
        using var device = await DeviceWithTrafficAsync();
        await using var client = await OpenAsync(device);
        var reply = await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Ifmgr><ClearAllIfStatistics><Clear/></ClearAllIfStatistics>" +
            "<Interfaces><Interface><IfIndex>1</IfIndex><Default/></Interface></Interfaces></Ifmgr></top></action>");
        Assert.Equal("operation-not-supported", ErrorTag(reply));
        Assert.Equal(1, Fw(device).Interfaces[0].Counters.InputPackets);
        Assert.Equal("operation-not-supported", ErrorTag(await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Device><Reboot/></Device></top></action>")));
        Assert.Equal("unknown-namespace", ErrorTag(await client.RpcAsync("<action><top xmlns=\"http://www.h3c.com/netconf/config:1.0\"><Ifmgr/></top></action>")));
        Assert.Equal("invalid-value", ErrorTag(await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Ifmgr><Interfaces><Interface><IfIndex>99999</IfIndex><Clear/></Interface></Interfaces></Ifmgr></top></action>")));
    }

    [Fact]
    public async Task A_monitor_level_user_may_not_clear_counters()
    {
        using var device = await DeviceWithTrafficAsync();
        await using var client = await OpenAsync(device, new Runtime.CliUser("viewer", 1, ["network-operator"]));
        Assert.Equal("access-denied", ErrorTag(await client.RpcAsync($"<action><top xmlns=\"{ActionNs}\"><Ifmgr><ClearAllIfStatistics><Clear/></ClearAllIfStatistics></Ifmgr></top></action>")));
        Assert.Equal(1, Fw(device).Interfaces[0].Counters.InputPackets);
    }
}
