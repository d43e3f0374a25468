using Emulator.Comware;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Layer2;

namespace Emulator.Device.Snmp;

/// <summary>One LLDP neighbour as LLDP-MIB's lldpRemTable shows it, on our port <paramref name="LocalPort"/>.</summary>
public sealed record SnmpLldpNeighbor(string LocalPort, string ChassisId, string PortId, string SystemName, string SystemDescription);

/// <summary>One VLAN as Q-BRIDGE-MIB's dot1qVlanStaticTable shows it: member ports by interface name.</summary>
public sealed record SnmpVlan(int Id, string Name, IReadOnlyList<string> Tagged, IReadOnlyList<string> Untagged);

/// <summary>
/// The layer-2 model (issue 13) at one instant, for LLDP-MIB and Q-BRIDGE-MIB (<see cref="Layer2Mib"/>): LLDP neighbours
/// on ports where LLDP runs, Ethernet ports, VLANs with their members, the PVID of each bridged port. Taken under the
/// device lock with the rest of the <see cref="SnmpSnapshot"/>.
/// </summary>
public sealed record Layer2Snapshot(
    bool LldpEnabled,
    IReadOnlyList<string> EthernetPorts,
    IReadOnlyList<SnmpLldpNeighbor> Neighbors,
    IReadOnlyList<SnmpVlan> Vlans,
    IReadOnlyDictionary<string, int> Pvids)
{
    public static Layer2Snapshot Read(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var firewall = device.GetState<FirewallState>().Config;
        var layer2 = firewall.Layer2;
        var neighbors = Layer2Learning.Heard(firewall)
            .Where(h => layer2.LldpRunsOn(h.Port))
            .Select(h => new SnmpLldpNeighbor(h.Port.Name, h.Neighbor.ChassisId, h.Neighbor.PortId, h.Neighbor.SystemName, h.Neighbor.SystemDescription))
            .ToList();
        var bridged = firewall.Interfaces.Where(i => layer2.IsBridged(i) && layer2.AggregateOf(i) is null).ToList();
        var vlans = layer2.Vlans.Select(v => new SnmpVlan(v.Id, v.EffectiveName,
            [.. bridged.Where(p => layer2.SettingsOf(p).CarriesTagged(v.Id)).Select(p => p.Name)],
            [.. bridged.Where(p => layer2.SettingsOf(p).CarriesUntagged(v.Id)).Select(p => p.Name)])).ToList();
        return new Layer2Snapshot(
            layer2.LldpEnabled,
            [.. firewall.Interfaces.Where(i => i.Kind == Comware.Model.Values.InterfaceKind.Ethernet).Select(i => i.Name)],
            neighbors,
            vlans,
            bridged.ToDictionary(p => p.Name, p => layer2.SettingsOf(p).Pvid, StringComparer.Ordinal));
    }
}
