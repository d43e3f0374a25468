using System.Text;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// Layer-2 displays of a routed SecPath firewall: every port is in route mode, so VLAN 1 exists with no member ports, and
/// there are no aggregation groups, LLDP neighbours or MAC address entries. Each display prints the device's empty but
/// well-formed form (legend and column header), so parsers see a valid, empty table.
/// </summary>
public static class Layer2Displays
{
    /// <summary>
    /// <c>display vlan all</c>. V5: "VLAN Type: static", "Route Interface: not configured", "Tagged   Ports: none"
    /// (ntc-templates tests/hp_comware/display_vlan_all/hp_comware_display_vlan_all_cw5.raw). V7: "VLAN type: Static",
    /// "Tagged ports:   None" (…/hp_comware_display_vlan_all.raw). Verified layouts (switches).
    /// </summary>
    public static string VlanAll(ComwareDialect dialect) => dialect == ComwareDialect.V5
        ? " VLAN ID: 1\n VLAN Type: static\n Route Interface: not configured\n Description: VLAN 0001\n Name: VLAN 0001\n" +
          " Tagged   Ports: none\n Untagged Ports: none\n\n"
        : " VLAN ID: 1\n VLAN type: Static\n Route interface: Not configured\n Description: VLAN 0001\n Name: VLAN 0001\n" +
          " Tagged ports:   None\n Untagged ports: None\n\n";

    /// <summary>
    /// <c>display vlan brief</c>: the V7 layout of ntc-templates tests/hp_comware/display_vlan_brief/hp_comware_display_vlan_brief.raw
    /// (verified, V7 switch); V5 prints the same (unverified).
    /// </summary>
    public static string VlanBrief() =>
        "Brief information about all VLANs:\nSupported Minimum VLAN ID: 1\nSupported Maximum VLAN ID: 4094\nDefault VLAN ID: 1\n" +
        "VLAN ID   Name                             Port\n1         VLAN 0001\n";

    /// <summary>
    /// <c>display link-aggregation summary</c> with no group: legends, actor system ID (priority 0x8000 and the bridge MAC)
    /// and the column header. Columns from the H3C S3100/MSR V5 and Comware 7 Layer 2 command references (field tables);
    /// the empty form itself is unverified.
    /// </summary>
    public static string LinkAggregationSummary(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sb = new StringBuilder();
        sb.Append("Aggregation Interface Type:\n");
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append("BAGG -- Bridge-Aggregation, RAGG -- Route-Aggregation\n");
        }
        else
        {
            sb.Append("BAGG -- Bridge-Aggregation, BLAGG -- Blade-Aggregation, RAGG -- Route-Aggregation\n");
        }

        sb.Append("Aggregation Mode: S -- Static, D -- Dynamic\n");
        sb.Append("Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing\n");
        sb.Append("Actor System ID: 0x8000, ").Append(facts.Hardware.BaseMacAddress.ToLowerInvariant()).Append("\n\n");
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append("AGG          AGG      Partner ID              Select Unselect   Share\n");
            sb.Append("Interface    Mode                             Ports  Ports      Type\n");
            sb.Append("-------------------------------------------------------------------------------\n");
        }
        else
        {
            sb.Append("AGG        AGG      Partner ID              Selected  Unselected  Individual  Share\n");
            sb.Append("Interface  Mode                             Ports     Ports       Ports       Type\n");
            sb.Append("------------------------------------------------------------------------------------\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>display link-aggregation verbose</c> with no group: the legend only. V5: the legend of ntc-templates
    /// tests/hp_comware/display_link-aggregation_verbose/hp_comware_display_link-aggregation_verbose1.raw; V7: that of
    /// …/hp_comware_display_link-aggregation_verbose.raw (verified legends; empty form unverified).
    /// </summary>
    public static string LinkAggregationVerbose(ComwareDialect dialect) => dialect == ComwareDialect.V5
        ? "Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing\nPort Status: S -- Selected, U -- Unselected\n" + Flags("Flags:  ", "        ")
        : "Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing\nPort Status: S -- Selected, U -- Unselected, I -- Individual\n" +
          "Port: A -- Auto port, M -- Management port, R -- Reference port\n" + Flags("Flags:  ", "        ");

    /// <summary>
    /// <c>display link-aggregation member-port</c> with no member: the flag legend of ntc-templates
    /// tests/hp_comware/display_link-aggregation_member-port/display_link-aggregation_member-port_cw5_1.raw (same on cw7).
    /// </summary>
    public static string LinkAggregationMemberPort() => Flags("Flags: ", "       ");

    private static string Flags(string first, string indent) =>
        first + "A -- LACP_Activity, B -- LACP_Timeout, C -- Aggregation,\n" +
        indent + "D -- Synchronization, E -- Collecting, F -- Distributing,\n" +
        indent + "G -- Defaulted, H -- Expired\n\n";

    /// <summary>
    /// <c>display lldp neighbor-information list</c> with no neighbour. V7: the chassis-ID legend and the
    /// "System Name / Local Interface / Chassis ID / Port ID" header of ntc-templates
    /// tests/hp_comware/display_lldp_neighbor-information_list/hp_comware_display_lldp_neighbor-information_list.raw;
    /// V5: the header without the legend, as …_list2.raw (verified layouts).
    /// </summary>
    public static string LldpList(ComwareDialect dialect)
    {
        const string header = "System Name          Local Interface Chassis ID      Port ID\n";
        return dialect == ComwareDialect.V5
            ? header
            : "Chassis ID : * -- -- Nearest nontpmr bridge neighbor\n             # -- -- Nearest customer bridge neighbor\n" +
              "             Default -- -- Nearest bridge neighbor\n" + header;
    }

    /// <summary>
    /// <c>display mac-address</c> on a routed firewall: the column header of ntc-templates
    /// tests/hp_comware/display_mac-address/hp_comware_display_mac-address.raw (verified, V7); V5 adds the count line of
    /// its switches ("---  0 mac address(es) found  ---", unverified).
    /// </summary>
    public static string MacAddress(ComwareDialect dialect) => dialect == ComwareDialect.V5
        ? "MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)\n\n  ---  0 mac address(es) found  ---\n"
        : "MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)\n";
}
