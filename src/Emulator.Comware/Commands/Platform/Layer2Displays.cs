using System.Globalization;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Layer2;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// Layer-2 displays from the layer-2 model (<see cref="Layer2Config"/>) and what it learns from neighbours
/// (<see cref="Layer2Learning"/>). With nothing configured each prints the device's empty but well-formed form (legend and
/// column header). Layouts cite ntc-templates captures (github.com/networktocode/ntc-templates, tests/hp_comware/...,
/// commit d0bc5a4) or the H3C command references; what could not be verified is said per display.
/// </summary>
public static class Layer2Displays
{
    /// <summary>
    /// <c>display vlan all</c>. V5: "VLAN Type: static", "IP Address:", "Tagged   Ports: none", ports three per line in
    /// 25 columns (ntc-templates …/display_vlan_all/hp_comware_display_vlan_all_cw5.raw). V7: "VLAN type: Static",
    /// "IPv4 address:", "Tagged ports:   None", ports two per line in 30 columns (…/hp_comware_display_vlan_all.raw).
    /// Members: bridged Ethernet ports and Bridge-Aggregations carrying the VLAN.
    /// </summary>
    public static List<string> VlanAll(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v5 = config.Dialect == ComwareDialect.V5;
        var lines = new List<string>();
        foreach (var vlan in config.Layer2.Vlans)
        {
            var routed = config.Interfaces.Find("Vlan-interface" + Inv($"{vlan.Id}"));
            lines.Add(Inv($" VLAN ID: {vlan.Id}"));
            lines.Add(v5 ? " VLAN Type: static" : " VLAN type: Static");
            lines.Add(v5 ? $" Route Interface: {(routed is null ? "not configured" : "configured")}" : $" Route interface: {(routed is null ? "Not configured" : "Configured")}");
            if (routed?.PrimaryAddress is { } address)
            {
                lines.Add((v5 ? " IP Address: " : " IPv4 address: ") + address.AddressText);
                lines.Add((v5 ? " Subnet Mask: " : " IPv4 subnet mask: ") + address.MaskText);
            }

            lines.Add(" Description: " + vlan.EffectiveDescription);
            lines.Add(" Name: " + vlan.EffectiveName);
            var ports = BridgedPorts(config).ToList();
            PortList(lines, v5 ? " Tagged   Ports:" : " Tagged ports:  ", ports.Where(p => config.Layer2.SettingsOf(p).CarriesTagged(vlan.Id)).Select(p => p.Name), v5);
            PortList(lines, v5 ? " Untagged Ports:" : " Untagged ports:", ports.Where(p => config.Layer2.SettingsOf(p).CarriesUntagged(vlan.Id)).Select(p => p.Name), v5);
            lines.Add("");
        }

        return lines;
    }

    private static void PortList(List<string> lines, string title, IEnumerable<string> names, bool v5)
    {
        var list = names.ToList();
        if (list.Count == 0)
        {
            lines.Add(title + (v5 ? " none" : " None"));
            return;
        }

        lines.Add(v5 ? title : title + " ");
        var perLine = v5 ? 3 : 2;
        var width = v5 ? 25 : 30;
        for (var i = 0; i < list.Count; i += perLine)
        {
            var row = list.Skip(i).Take(perLine).Select(n => n.PadRight(width));
            lines.Add("    " + (v5 ? string.Concat(row).TrimEnd() : string.Concat(row)));
        }
    }

    /// <summary>Interfaces that switch frames: bridged Ethernet ports and Bridge-Aggregations (a member port is represented by its aggregate), by name.</summary>
    private static IEnumerable<FwInterface> BridgedPorts(FirewallConfig config) =>
        config.Interfaces.Where(i => config.Layer2.IsBridged(i) && config.Layer2.AggregateOf(i) is null).OrderBy(i => i.Name, StringComparer.Ordinal);

    /// <summary>
    /// <c>display vlan brief</c>: ntc-templates …/display_vlan_brief/hp_comware_display_vlan_brief.raw (verified, V7); ports
    /// by brief name, three per line under the Port column. V5 prints the same (unverified).
    /// </summary>
    public static List<string> VlanBrief(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>
        {
            "Brief information about all VLANs:", "Supported Minimum VLAN ID: 1", "Supported Maximum VLAN ID: 4094", "Default VLAN ID: 1",
            "VLAN ID   Name                             Port",
        };
        foreach (var vlan in config.Layer2.Vlans)
        {
            var ports = BridgedPorts(config).Where(p => config.Layer2.SettingsOf(p).CarriesUntagged(vlan.Id) || config.Layer2.SettingsOf(p).CarriesTagged(vlan.Id))
                .Select(p => p.BriefName).ToList();
            var head = Inv($"{vlan.Id,-10}{vlan.EffectiveName,-33}");
            if (ports.Count == 0)
            {
                lines.Add(head.TrimEnd());
                continue;
            }

            for (var i = 0; i < ports.Count; i += 3)
            {
                lines.Add((i == 0 ? head : new string(' ', 43)) + string.Join("  ", ports.Skip(i).Take(3)));
            }
        }

        return lines;
    }

    private static List<FwInterface> Aggregates(FirewallConfig config) => [.. config.Interfaces.Where(i => i.Kind == InterfaceKind.Aggregation).OrderBy(i => i.Id.Type.FullName, StringComparer.Ordinal).ThenBy(i => i.SortKey)];

    /// <summary>
    /// <c>display link-aggregation summary</c>: legends, actor system ID (priority 0x8000 and the bridge MAC), column header,
    /// one row per aggregate (static groups: mode S, partner none, selected = members that are up). Columns from the H3C MSR V5 and
    /// Comware 7 Layer 2 command references (field tables); unverified against a capture.
    /// </summary>
    public static List<string> LinkAggregationSummary(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v5 = config.Dialect == ComwareDialect.V5;
        var lines = new List<string>
        {
            "Aggregation Interface Type:",
            v5 ? "BAGG -- Bridge-Aggregation, RAGG -- Route-Aggregation" : "BAGG -- Bridge-Aggregation, BLAGG -- Blade-Aggregation, RAGG -- Route-Aggregation",
            "Aggregation Mode: S -- Static, D -- Dynamic",
            "Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing",
            "Actor System ID: 0x8000, " + config.Layer2.BridgeMac,
            "",
        };
        if (v5)
        {
            lines.Add("AGG          AGG      Partner ID              Select Unselect   Share");
            lines.Add("Interface    Mode                             Ports  Ports      Type");
            lines.Add("-------------------------------------------------------------------------------");
        }
        else
        {
            lines.Add("AGG        AGG      Partner ID              Selected  Unselected  Individual  Share");
            lines.Add("Interface  Mode                             Ports     Ports       Ports       Type");
            lines.Add("------------------------------------------------------------------------------------");
        }

        foreach (var aggregate in Aggregates(config))
        {
            var members = config.Layer2.Members(aggregate).ToList();
            var selected = members.Count(m => !m.AdminDown);
            var share = selected > 0 ? "Shar" : "NonS";
            lines.Add(v5
                ? Inv($"{aggregate.BriefName,-13}{"S",-9}{"none",-24}{selected,-7}{members.Count - selected,-11}{share}")
                : Inv($"{aggregate.BriefName,-11}{"S",-9}{"none",-24}{selected,-10}{members.Count - selected,-12}{0,-12}{share}"));
        }

        return lines;
    }

    /// <summary>
    /// <c>display link-aggregation verbose</c>: the legends of ntc-templates …/display_link-aggregation_verbose/
    /// hp_comware_display_link-aggregation_verbose1.raw (V5) and …verbose.raw (V7), then per static group the header lines of those
    /// captures ("Aggregation|Aggregate Interface", "Aggregation Mode: Static", "Loadsharing Type") and the member table; the
    /// static-group form itself is from the Comware 7 Layer 2 command reference (unverified against a capture).
    /// </summary>
    public static List<string> LinkAggregationVerbose(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v5 = config.Dialect == ComwareDialect.V5;
        var lines = new List<string> { "Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing" };
        lines.Add(v5 ? "Port Status: S -- Selected, U -- Unselected" : "Port Status: S -- Selected, U -- Unselected, I -- Individual");
        if (!v5)
        {
            lines.Add("Port: A -- Auto port, M -- Management port, R -- Reference port");
        }

        lines.AddRange(Flags("Flags:  ", "        "));
        foreach (var aggregate in Aggregates(config))
        {
            if (lines[^1].Length > 0)
            {
                lines.Add("");
            }

            lines.Add((v5 ? "Aggregation Interface: " : "Aggregate Interface: ") + aggregate.Name);
            if (!v5)
            {
                lines.Add("Creation Mode: Manual");
            }

            lines.Add("Aggregation Mode: Static");
            lines.Add("Loadsharing Type: Shar");
            if (!v5 && Layer2Config.IsBridgeAggregation(aggregate))
            {
                lines.Add("Management VLANs: None");
            }

            lines.Add("  Port             Status  Priority Oper-Key");
            lines.Add("--------------------------------------------------------------------------------");
            foreach (var member in config.Layer2.Members(aggregate))
            {
                lines.Add(Inv($"  {member.BriefName,-17}{(member.AdminDown ? "U" : "S"),-8}{32768,-9}{1}"));
            }
        }

        return lines;
    }

    /// <summary>
    /// <c>display link-aggregation member-port</c>: the flag legend of ntc-templates …/display_link-aggregation_member-port/
    /// display_link-aggregation_member-port_cw5_1.raw, then per member of a static group its port line, aggregate interface,
    /// port number, priority and operational key (the static-member form of the Comware 7 command reference, unverified).
    /// </summary>
    public static List<string> LinkAggregationMemberPort(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = Flags("Flags: ", "       ");
        foreach (var aggregate in Aggregates(config))
        {
            var number = 0;
            foreach (var member in config.Layer2.Members(aggregate))
            {
                if (lines[^1].Length > 0)
                {
                    lines.Add("");
                }

                lines.Add(member.Name + ":");
                lines.Add("Aggregate Interface: " + aggregate.Name);
                lines.Add(Inv($"Port Number: {++number}"));
                lines.Add("Port Priority: 32768");
                lines.Add("Oper-Key: 1");
            }
        }

        return lines;
    }

    private static List<string> Flags(string first, string indent) =>
    [
        first + "A -- LACP_Activity, B -- LACP_Timeout, C -- Aggregation,",
        indent + "D -- Synchronization, E -- Collecting, F -- Distributing,",
        indent + "G -- Defaulted, H -- Expired",
        "",
    ];

    /// <summary>Neighbours LLDP lists: heard on a port where LLDP runs.</summary>
    private static List<(NeighborFacts Neighbor, FwInterface Port)> LldpNeighbors(FirewallConfig config) =>
        [.. Layer2Learning.Heard(config).Where(h => config.Layer2.LldpRunsOn(h.Port)).OrderBy(h => h.Port.SortKey)];

    /// <summary>
    /// <c>display lldp neighbor-information list</c>. V7: chassis-ID legend and header of ntc-templates
    /// …/display_lldp_neighbor-information_list/hp_comware_display_lldp_neighbor-information_list.raw; V5: the header without
    /// the legend, as …_list2.raw. Rows: system name (20 columns), local port (brief), chassis ID, port ID (verified layouts).
    /// </summary>
    public static List<string> LldpList(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        if (config.Dialect == ComwareDialect.V7)
        {
            lines.Add("Chassis ID : * -- -- Nearest nontpmr bridge neighbor");
            lines.Add("             # -- -- Nearest customer bridge neighbor");
            lines.Add("             Default -- -- Nearest bridge neighbor");
        }

        lines.Add("System Name          Local Interface Chassis ID      Port ID");
        foreach (var (neighbor, port) in LldpNeighbors(config))
        {
            lines.Add($"{neighbor.SystemName,-20} {port.BriefName,-15} {neighbor.ChassisId,-15} {neighbor.PortId}");
        }

        return lines;
    }

    /// <summary>
    /// <c>display lldp neighbor-information [verbose]</c>: per neighbour the block of ntc-templates
    /// …/display_lldp_neighbor-information_verbose/hp_comware_display_lldp_neighbor-information_verbose.raw (V7 layout, used on
    /// V5 too: unverified there). Port number = the port's position among the Ethernet ports; update time = since boot.
    /// </summary>
    public static List<string> LldpVerbose(FirewallConfig config, TimeSpan sinceBoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        var ports = config.Interfaces.Where(i => i.Kind == InterfaceKind.Ethernet).ToList();
        foreach (var (neighbor, port) in LldpNeighbors(config))
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.Add(Inv($"LLDP neighbor-information of port {ports.IndexOf(port) + 1}[{port.Name}]:"));
            lines.Add("LLDP agent nearest-bridge:");
            lines.Add(" LLDP neighbor index : 1");
            lines.Add(Inv($" Update time         : {sinceBoot.Days} days, {sinceBoot.Hours} hours, {sinceBoot.Minutes} minutes, {sinceBoot.Seconds} seconds"));
            lines.Add(" Chassis type        : MAC address");
            lines.Add(" Chassis ID          : " + neighbor.ChassisId);
            lines.Add(" Port ID type        : Interface name");
            lines.Add(" Port ID             : " + neighbor.PortId);
            lines.Add(" Time to live        : 121");
            lines.Add($" Port description    : {neighbor.PortId} Interface");
            lines.Add(" System name         : " + neighbor.SystemName);
            lines.Add(" System description  : " + neighbor.SystemDescription);
            lines.Add(" System capabilities supported : Bridge, Router");
            lines.Add(" System capabilities enabled   : Router");
            if (neighbor.Addresses is [{ } management, ..])
            {
                lines.Add(" Management address type           : IPv4");
                lines.Add(" Management address                : " + management);
                lines.Add(" Management address interface type : IfIndex");
                lines.Add(" Management address interface ID   : Unknown");
                lines.Add(" Management address OID            : 0");
            }

            lines.Add(Inv($" Port VLAN ID(PVID)  : {config.Layer2.SettingsOf(port).Pvid}"));
            lines.Add(" Link aggregation supported : Yes");
            lines.Add(" Link aggregation enabled   : No");
            lines.Add(" Aggregation port ID        : 0");
            lines.Add(" Auto-negotiation supported : Yes");
            lines.Add(" Auto-negotiation enabled   : Yes");
            lines.Add(" OperMau                    : Speed(1000)/Duplex(Full)");
            lines.Add(" Maximum frame size         : 1536");
        }

        return lines;
    }

    /// <summary>
    /// <c>display mac-address</c>: column header and rows of ntc-templates …/display_mac-address/hp_comware_display_mac-address.raw
    /// (verified, V7); V5 adds its switches' count line ("---  N mac address(es) found  ---", unverified).
    /// </summary>
    public static List<string> MacAddress(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rows = Layer2Learning.MacTable(config);
        var lines = new List<string> { "MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)" };
        lines.AddRange(rows.Select(r => Inv($"{r.Mac,-15}{r.Vlan,-9}{r.State,-15}{r.Port,-25}{r.Aging}")));
        if (config.Dialect == ComwareDialect.V5)
        {
            lines.Add("");
            lines.Add(Inv($"  ---  {rows.Count} mac address(es) found  ---"));
        }

        return lines;
    }

    /// <summary>
    /// <c>display arp</c>. V7: legend, header and rows of ntc-templates …/display_arp/hp_comware_display_arp.raw (verified); V5:
    /// the "Type: S-Static D-Dynamic A-Authorized" legend and columns of the MSR V5 Layer 3 command reference (unverified).
    /// Static entries show aging N/A, as the Comware 7 command reference's example does.
    /// </summary>
    public static List<string> Arp(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        var lines = v7
            ? new List<string> { "  Type: S-Static   D-Dynamic   O-Openflow   R-Rule   M-Multiport  I-Invalid", "IP address      MAC address    VLAN     Interface                Aging Type" }
            : ["                    Type: S-Static    D-Dynamic    A-Authorized", "IP Address       MAC Address     VLAN ID  Interface              Aging Type"];
        foreach (var row in Layer2Learning.ArpTable(config))
        {
            var ip = Ipv4.Format(row.Address);
            lines.Add(v7
                ? $"{ip,-16}{row.Mac,-15}{row.Vlan,-9}{row.Interface,-25}{row.Aging,-6}{row.Type}"
                : $"{ip,-17}{row.Mac,-16}{row.Vlan,-9}{row.Interface,-23}{row.Aging,-6}{row.Type}");
        }

        return lines;
    }

    /// <summary>
    /// <c>display ip vpn-instance</c>: count line, header and rows of ntc-templates …/display_ip_vpn-instance/
    /// hp_comware_display_ip_vpn-instance.raw (verified); create time in the device's clock.
    /// </summary>
    public static List<string> VpnInstances(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>
        {
            Inv($"  Total VPN-Instances configured : {config.Layer2.VpnInstances.Count}"),
            "  VPN-Instance Name               RD                     Create time",
        };
        lines.AddRange(config.Layer2.VpnInstances.Select(v =>
            $"  {v.Name,-32}{v.RouteDistinguisher ?? "",-23}{v.Created.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture)}"));
        return lines;
    }

    /// <summary>
    /// <c>display ip vpn-instance instance-name NAME</c>: the lines of ntc-templates …/display_ip_vpn-instance_instance-name/
    /// hp_comware_display_ip_vpn-instance_instance-name.raw (name and index, RD, description, bound interfaces; verified).
    /// </summary>
    public static List<string> VpnInstance(FirewallConfig config, VpnInstance vpn)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(vpn);
        var index = config.Layer2.VpnInstances.ToList().IndexOf(vpn) + 1;
        var lines = new List<string> { Inv($"  VPN-Instance Name and Index : {vpn.Name}, {index}") };
        if (vpn.RouteDistinguisher is { } rd)
        {
            lines.Add("  Route Distinguisher : " + rd);
        }

        if (vpn.Description is { } text)
        {
            lines.Add("  Description : " + text);
        }

        var bound = config.Layer2.BoundTo(vpn).Select(i => i.Name).ToList();
        if (bound.Count > 0)
        {
            lines.Add("  Interfaces : " + string.Join(", ", bound));
        }

        lines.Add("  Create time : " + vpn.Created.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture));
        return lines;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
