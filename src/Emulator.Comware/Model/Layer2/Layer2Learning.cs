using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Layer2;

/// <summary>One row of <c>display arp</c>: <paramref name="Vlan"/> is <c>N/A</c> on routed ports, <paramref name="Interface"/> the brief name.</summary>
public sealed record ArpRow(uint Address, string Mac, string Vlan, string Interface, string Aging, string Type);

/// <summary>One row of <c>display mac-address</c>.</summary>
public sealed record MacRow(string Mac, int Vlan, string State, string Port, string Aging);

/// <summary>
/// What the device learns from its neighbours (<see cref="Layer2Config.Neighbors"/>), recomputed on each display from
/// the current configuration: a neighbour is heard on an administratively up port; on a bridged port (or Bridge-Aggregation)
/// its port MAC is learned in the port's PVID, and its addresses in that VLAN's Vlan-interface subnets enter ARP; on a
/// routed port (or Route-Aggregation) its addresses in the interface's subnets enter ARP. Dynamic ARP entries show the
/// full 20-minute aging time (Comware's default), as if just refreshed.
/// </summary>
public static class Layer2Learning
{
    public const string DynamicArpAgingMinutes = "20";

    /// <summary>Neighbours whose local port exists and is administratively up, with that port.</summary>
    public static IEnumerable<(NeighborFacts Neighbor, FwInterface Port)> Heard(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var neighbor in config.Layer2.Neighbors)
        {
            if (config.Interfaces.Find(neighbor.LocalInterface) is { AdminDown: false } port)
            {
                yield return (neighbor, port);
            }
        }
    }

    public static List<MacRow> MacTable(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rows = new List<MacRow>();
        foreach (var (neighbor, port) in Heard(config))
        {
            var attach = config.Layer2.AggregateOf(port) ?? port;
            if (config.Layer2.IsBridged(attach))
            {
                rows.Add(new MacRow(neighbor.PortMac, config.Layer2.SettingsOf(attach).Pvid, "Learned", attach.Name, "AGING"));
            }
        }

        return [.. rows.DistinctBy(r => (r.Mac, r.Vlan)).OrderBy(r => r.Vlan).ThenBy(r => r.Mac, StringComparer.Ordinal)];
    }

    /// <summary>Static entries (aging and VLAN <c>N/A</c> unless given) and the learned ones, by address.</summary>
    public static List<ArpRow> ArpTable(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rows = new Dictionary<uint, ArpRow>();
        foreach (var (neighbor, port) in Heard(config))
        {
            var attach = config.Layer2.AggregateOf(port) ?? port;
            var bridged = config.Layer2.IsBridged(attach);
            var vlan = bridged ? config.Layer2.SettingsOf(attach).Pvid : 0;
            var l3 = bridged ? config.Interfaces.Find("Vlan-interface" + vlan.ToString(System.Globalization.CultureInfo.InvariantCulture)) : attach;
            if (l3 is null || l3.AdminDown)
            {
                continue;
            }

            foreach (var text in neighbor.Addresses ?? [])
            {
                if (Ipv4Address.TryParse(text, out var address) && l3.AllAddresses.Any(p => p.Contains(address.Value) && p.Address != address.Value))
                {
                    rows[address.Value] = new ArpRow(address.Value, neighbor.PortMac, bridged ? vlan.ToString(System.Globalization.CultureInfo.InvariantCulture) : "N/A",
                        attach.BriefName, DynamicArpAgingMinutes, "D");
                }
            }
        }

        foreach (var entry in config.Layer2.StaticArps)
        {
            var iface = entry.Interface is { } name ? config.Interfaces.Find(name) : SubnetOwner(config, entry.Address);
            rows[entry.Address] = new ArpRow(entry.Address, entry.Mac, entry.Vlan?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "N/A",
                iface?.BriefName ?? "N/A", "N/A", "S");
        }

        return [.. rows.Values.OrderBy(r => r.Address)];
    }

    private static FwInterface? SubnetOwner(FirewallConfig config, uint address) =>
        config.Interfaces.FirstOrDefault(i => i.AllAddresses.Any(p => p.Contains(address)));
}
