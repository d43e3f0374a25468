using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary><c>display ip routing-table</c>.</summary>
public static class RoutingDisplays
{
    /// <summary>
    /// V7: the real layout (ntc-templates tests/hp_comware/display_ip_routing_table/display_ip_routing_table.raw), brief
    /// interface names. V5: with the "Routing Tables: Public" header and a blank line after the column titles
    ///.
    /// </summary>
    public static List<string> Table(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var routes = config.Routes.RoutingTable();
        var count = routes.Select(r => r.Destination).Distinct().Count();
        var lines = new List<string>();
        if (config.Dialect == ComwareDialect.V5)
        {
            lines.Add("Routing Tables: Public");
            lines.Add(Inv($"         Destinations : {count,-9}Routes : {routes.Count}"));
            lines.Add("");
            lines.Add("Destination/Mask    Proto  Pre  Cost         NextHop         Interface");
            lines.Add("");
        }
        else
        {
            lines.Add(Inv($"Destinations : {count,-10}Routes : {routes.Count}"));
            lines.Add("");
            lines.Add("Destination/Mask    Proto  Pre  Cost         NextHop         Interface");
        }

        foreach (var route in routes)
        {
            lines.Add(Inv($"{route.Destination,-19} {route.Protocol,-6} {route.Preference,-4} {route.Cost,-12} {Ipv4.Format(route.NextHop),-15} {InterfaceNames.Brief(route.Interface)}"));
        }

        return lines;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
