using Emulator.Comware.Model.Layer2;
using Emulator.Device.Snmp;
using Emulator.Device.Tests.Support;

namespace Emulator.Device.Tests.Snmp;

/// <summary>LLDP-MIB and Q-BRIDGE-MIB rows from the layer-2 model and the device's neighbours (issue 13).</summary>
public sealed class Layer2MibTests
{
    [Fact]
    public async Task Lldp_remote_table_and_vlan_static_table_follow_the_model()
    {
        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-AI-55", out var profile));
        var facts = profile!.CreateFacts("fw1") with
        {
            Neighbors = [new NeighborFacts("GigabitEthernet1/0/1", "core-sw", "Ten-GigabitEthernet1/0/49", "00e0-fc00-0001")],
        };
        using var device = new Comware.ComwareDevice(facts, new ScratchDeviceServices(), TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        await device.EnsureBootedAsync(ct);
        var report = await device.LoadConfigurationAsync(
            "vlan 10\n name users\n#\ninterface GigabitEthernet1/0/2\n port link-mode bridge\n port access vlan 10\n#\n" +
            "interface GigabitEthernet1/0/3\n port link-mode bridge\n port link-type trunk\n port trunk permit vlan 10\n", ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        SnmpSnapshot snapshot;
        using (await device.LockAsync(ct))
        {
            snapshot = SnmpSnapshot.Read(device);
        }

        var view = MibView.Build(snapshot, Oid.Parse("1.3.6.1.4.1.25506.1.331"), new IfIndexTable(), DateTimeOffset.UtcNow);
        var local = (uint)view.IfIndexes["GigabitEthernet1/0/1"];
        var rem = Oid.Parse("1.0.8802.1.1.2.1.4.1.1");
        Assert.Equal("core-sw", Text(view.Get(rem.Append(9, 0, local, 1))));
        Assert.Equal("Ten-GigabitEthernet1/0/49", Text(view.Get(rem.Append(7, 0, local, 1))));
        Assert.Equal([0x00, 0xe0, 0xfc, 0x00, 0x00, 0x01], view.Get(rem.Append(5, 0, local, 1))!.Bytes!);
        Assert.Equal(device.Sysname, Text(view.Get(Oid.Parse("1.0.8802.1.1.2.1.3.3.0"))));

        var vlanEntry = Oid.Parse("1.3.6.1.2.1.17.7.1.4.3.1");
        Assert.Equal("users", Text(view.Get(vlanEntry.Append(1, 10))));
        var access = view.IfIndexes["GigabitEthernet1/0/2"];
        var trunk = view.IfIndexes["GigabitEthernet1/0/3"];
        var egress = view.Get(vlanEntry.Append(2, 10))!.Bytes!;
        var untagged = view.Get(vlanEntry.Append(4, 10))!.Bytes!;
        Assert.True(IsSet(egress, access) && IsSet(egress, trunk));
        Assert.True(IsSet(untagged, access) && !IsSet(untagged, trunk));
        Assert.Equal(SnmpValue.Gauge32(10), view.Get(Oid.Parse("1.3.6.1.2.1.17.7.1.4.5.1.1").Append((uint)access)));
    }

    private static string Text(SnmpValue? value) => System.Text.Encoding.UTF8.GetString(value!.Bytes!);

    private static bool IsSet(byte[] list, int port) => (list[(port - 1) / 8] & (0x80 >> ((port - 1) % 8))) != 0;
}
