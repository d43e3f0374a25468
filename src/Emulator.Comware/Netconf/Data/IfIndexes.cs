using System.Globalization;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// The IfIndex of each interface, the key every H3C interface table uses. Comware numbers interfaces as they are
/// created; here the number is a pure function of the name so that it is the same on every boot and in every session:
/// physical ports 1..P in the device's order, then NULL0 and InLoopBack0, Route-Aggregation N = 1000+N,
/// Bridge-Aggregation N = 3000+N, LoopBack N = 5000+N, Vlan-interface N =
/// 10000+N, sub-interface = 100000 + 10000 x parent + N.
/// </summary>
internal static class IfIndexes
{
    private const int RouteAggregationBase = 1000;
    private const int BridgeAggregationBase = 3000;
    private const int LoopBackBase = 5000;
    private const int VlanInterfaceBase = 10000;
    private const int SubInterfaceBase = 100000;

    public static int Of(InterfaceTable table, FwInterface iface)
    {
        var ports = table.Where(i => i.Kind == InterfaceKind.Ethernet).ToList();
        switch (iface.Kind)
        {
            case InterfaceKind.Ethernet:
                return ports.IndexOf(iface) + 1;
            case InterfaceKind.Null:
                return ports.Count + 1;
            case InterfaceKind.InLoopBack:
                return ports.Count + 2;
            case InterfaceKind.LoopBack:
                return LoopBackBase + Number(iface.Id.Number);
            case InterfaceKind.VlanInterface:
                return VlanInterfaceBase + Number(iface.Id.Number);
            case InterfaceKind.Aggregation:
                return (iface.Id.Type.FullName == "Route-Aggregation" ? RouteAggregationBase : BridgeAggregationBase) + Number(iface.Id.Number);
            case InterfaceKind.SubInterface when table.ParentOf(iface) is { } parent:
                var dot = iface.Id.Number.IndexOf('.', StringComparison.Ordinal);
                return SubInterfaceBase + (VlanInterfaceBase * (ports.IndexOf(parent) + 1)) + Number(iface.Id.Number[(dot + 1)..]);
            default:
                return 0;
        }
    }

    public static FwInterface? Find(InterfaceTable table, string ifIndex) =>
        int.TryParse(ifIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
            ? table.FirstOrDefault(i => Of(table, i) == index)
            : null;

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
