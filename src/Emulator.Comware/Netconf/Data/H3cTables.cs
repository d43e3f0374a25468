using System.Globalization;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// The H3C tables the emulator models (names from H3C's Comware 7 NETCONF XML API: module, table, row, index columns).
/// Each reads the typed model and writes through CLI lines, so NETCONF and the CLI share one configuration.
/// </summary>
internal static class H3cTables
{
    public static IReadOnlyList<H3cTable> All { get; } =
    [
        new DeviceBaseTable(),
        new InterfacesTable(),
        new Ipv4AddressesTable(),
        new StaticRoutesTable(),
        new AclGroupsTable(),
        new ZonesTable(),
        new ZoneInterfacesTable(),
        new VlanTable(),
        new AclBasicRulesTable(),
        new AclAdvanceRulesTable(),
        new SecurityPolicyRulesTable(),
        new PolicySourceZonesTable(),
        new PolicyDestinationZonesTable(),
        new NatOutboundTable(),
        new NatServerTable(),
        new NatAddressGroupsTable(),
        new NatAddressGroupMembersTable(),
        new NatStaticOnInterfacesTable(),
    ];

    public static H3cTable? Find(string module, string table) =>
        All.FirstOrDefault(t => t.Module == module && t.Table == table);

    public static bool IsModule(string module) => All.Any(t => t.Module == module);

    internal static FirewallConfig Firewall(ComwareDevice device) => device.GetState<FirewallState>().Config;

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static int Int(string column, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw RpcErrorException.InvalidValue($"Invalid value {value} for {column}.");

    /// <summary>A value placed on a CLI line must stay one line: no control characters, nothing a line editor would act on.</summary>
    internal static string LineSafe(string column, string value) =>
        value.Length == 0 || value.Any(char.IsControl)
            ? throw RpcErrorException.InvalidValue($"Invalid value for {column}.")
            : value;

    internal static string Quoted(string column, string value)
    {
        var safe = LineSafe(column, value);
        return safe.Contains(' ', StringComparison.Ordinal) ? "\"" + safe + "\"" : safe;
    }

    internal static FwInterface Interface(ComwareDevice device, string ifIndex) =>
        IfIndexes.Find(Firewall(device).Interfaces, ifIndex)
        ?? throw RpcErrorException.InvalidValue($"The interface with IfIndex {ifIndex} does not exist.");

    internal static string Ipv4(string column, string value) =>
        Ipv4Address.TryParse(value, out var address) ? address.ToString() : throw RpcErrorException.InvalidValue($"Invalid value {value} for {column}.");
}

/// <summary><c>Device/Base</c>: the host name (<c>sysname</c>).</summary>
internal sealed class DeviceBaseTable : H3cTable
{
    public override string Module => "Device";
    public override string Table => "Base";
    public override string? Row => null;
    public override IReadOnlyList<string> Keys { get; } = [];
    public override IReadOnlyList<string> Columns { get; } = ["HostName"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState) =>
        [new TableRow([("HostName", device.Sysname)])];

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        row.TryGetValue("HostName", out var name) ? ["sysname " + H3cTables.Quoted("HostName", name)] : [];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) => ["undo sysname"];
}

/// <summary><c>Ifmgr/Interfaces/Interface</c>: description and administrative state (AdminStatus 1 up, 2 down).</summary>
internal sealed class InterfacesTable : H3cTable
{
    public override string Module => "Ifmgr";
    public override string Table => "Interfaces";
    public override string? Row => "Interface";
    public override IReadOnlyList<string> Keys { get; } = ["IfIndex"];
    public override IReadOnlyList<string> Columns { get; } =
        ["IfIndex", "Name", "AbbreviatedName", "Description", "AdminStatus", "OperStatus", "MAC", "InetAddressIPV4", "InetAddressIPV4Mask"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var table = H3cTables.Firewall(device).Interfaces;
        foreach (var iface in table)
        {
            var cells = new List<(string, string)> { ("IfIndex", H3cTables.Text(IfIndexes.Of(table, iface))) };
            if (withState)
            {
                cells.Add(("Name", iface.Name));
                cells.Add(("AbbreviatedName", iface.BriefName));
            }

            cells.Add(("Description", iface.EffectiveDescription));
            cells.Add(("AdminStatus", iface.AdminDown ? "2" : "1"));
            if (withState)
            {
                cells.Add(("OperStatus", iface.PhysicalUp(table.ParentOf(iface)) ? "1" : "2"));
                if (iface.MacAddress.Length > 0)
                {
                    cells.Add(("MAC", iface.MacAddress.ToUpperInvariant()));
                }

                if (iface.PrimaryAddress is { } primary)
                {
                    cells.Add(("InetAddressIPV4", Model.Values.Ipv4.Format(primary.Address)));
                    cells.Add(("InetAddressIPV4Mask", Model.Values.Ipv4.Format(primary.Mask)));
                }
            }

            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        var lines = new List<string> { "interface " + iface.Name };
        foreach (var readOnly in (string[])["Name", "AbbreviatedName", "OperStatus", "MAC", "InetAddressIPV4", "InetAddressIPV4Mask"])
        {
            if (row.ContainsKey(readOnly))
            {
                throw RpcErrorException.BadElement(readOnly, $"The {readOnly} column is read-only.");
            }
        }

        if (row.TryGetValue("Description", out var description))
        {
            lines.Add("description " + H3cTables.LineSafe("Description", description));
        }

        if (row.TryGetValue("AdminStatus", out var status))
        {
            lines.Add(status switch
            {
                "1" => "undo shutdown",
                "2" => "shutdown",
                _ => throw Invalid("AdminStatus", status),
            });
        }

        return lines;
    }

    /// <summary>Physical ports cannot be removed: deleting their row restores the defaults; logical interfaces are removed.</summary>
    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        return iface.IsPermanent
            ? ["interface " + iface.Name, "undo description", "undo shutdown"]
            : ["undo interface " + iface.Name];
    }
}

/// <summary><c>IPV4ADDRESS/Ipv4Addresses/Ipv4Address</c>: addresses by IfIndex (the first is primary, others <c>sub</c>).</summary>
internal sealed class Ipv4AddressesTable : H3cTable
{
    public override string Module => "IPV4ADDRESS";
    public override string Table => "Ipv4Addresses";
    public override string? Row => "Ipv4Address";
    public override IReadOnlyList<string> Keys { get; } = ["IfIndex", "Ipv4Address"];
    public override IReadOnlyList<string> Columns { get; } = ["IfIndex", "Ipv4Address", "Ipv4Mask"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var table = H3cTables.Firewall(device).Interfaces;
        foreach (var iface in table)
        {
            foreach (var prefix in iface.AllAddresses)
            {
                yield return new TableRow([
                    ("IfIndex", H3cTables.Text(IfIndexes.Of(table, iface))),
                    ("Ipv4Address", Model.Values.Ipv4.Format(prefix.Address)),
                    ("Ipv4Mask", Model.Values.Ipv4.Format(prefix.Mask))]);
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        var address = H3cTables.Ipv4("Ipv4Address", Required(row, "Ipv4Address"));
        var mask = H3cTables.Ipv4("Ipv4Mask", Required(row, "Ipv4Mask"));
        var primary = iface.PrimaryAddress is not { } current || Model.Values.Ipv4.Format(current.Address) == address;
        return ["interface " + iface.Name, $"ip address {address} {mask}{(primary ? "" : " sub")}"];
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        var address = H3cTables.Ipv4("Ipv4Address", Required(row, "Ipv4Address"));
        var prefix = iface.AllAddresses.First(p => Model.Values.Ipv4.Format(p.Address) == address);
        var sub = iface.PrimaryAddress != prefix;
        return ["interface " + iface.Name, $"undo ip address {address} {Model.Values.Ipv4.Format(prefix.Mask)}{(sub ? " sub" : "")}"];
    }
}

/// <summary><c>StaticRoute/Ipv4StaticRouteConfigurations/RouteEntry</c> (public VRF and topology only: indexes 0).</summary>
internal sealed class StaticRoutesTable : H3cTable
{
    public override string Module => "StaticRoute";
    public override string Table => "Ipv4StaticRouteConfigurations";
    public override string? Row => "RouteEntry";
    private static readonly string[] KeyColumns =
        ["DestVrfIndex", "DestTopologyIndex", "Ipv4Address", "Ipv4PrefixLength", "NexthopVrfIndex", "NexthopIpv4Address", "IfIndex"];

    public override IReadOnlyList<string> Keys => KeyColumns;
    public override IReadOnlyList<string> Columns { get; } = [.. KeyColumns, "Preference", "Description"];

    public override IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string>
    {
        ["DestVrfIndex"] = "0",
        ["DestTopologyIndex"] = "0",
        ["NexthopVrfIndex"] = "0",
        ["NexthopIpv4Address"] = "0.0.0.0",
        ["IfIndex"] = "0",
    };

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        foreach (var route in firewall.Routes.StaticRoutes)
        {
            var ifIndex = route.Interface is { } name && firewall.Interfaces.Find(name) is { } iface ? IfIndexes.Of(firewall.Interfaces, iface) : 0;
            var cells = new List<(string, string)>
            {
                ("DestVrfIndex", "0"), ("DestTopologyIndex", "0"),
                ("Ipv4Address", Model.Values.Ipv4.Format(route.Destination.Network)),
                ("Ipv4PrefixLength", H3cTables.Text(route.Destination.Length)),
                ("NexthopVrfIndex", "0"),
                ("NexthopIpv4Address", Model.Values.Ipv4.Format(route.NextHop ?? 0)),
                ("IfIndex", H3cTables.Text(ifIndex)),
                ("Preference", H3cTables.Text(route.Preference)),
            };
            if (route.Description is { } description)
            {
                cells.Add(("Description", description));
            }

            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        CheckPublicVrf(row);
        var line = "ip route-static " + Target(device, row);
        if (row.TryGetValue("Preference", out var preference))
        {
            line += " preference " + H3cTables.Text(H3cTables.Int("Preference", preference, 1, 255));
        }

        if (row.TryGetValue("Description", out var description))
        {
            line += " description " + H3cTables.LineSafe("Description", description);
        }

        return [line];
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        CheckPublicVrf(row);
        var destination = H3cTables.Ipv4("Ipv4Address", Required(row, "Ipv4Address"));
        var length = H3cTables.Int("Ipv4PrefixLength", Required(row, "Ipv4PrefixLength"), 0, 32);
        var nextHop = H3cTables.Ipv4("NexthopIpv4Address", Required(row, "NexthopIpv4Address"));
        return [$"undo ip route-static {destination} {length}{(nextHop == "0.0.0.0" ? "" : " " + nextHop)}"];
    }

    private static string Target(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var destination = H3cTables.Ipv4("Ipv4Address", Required(row, "Ipv4Address"));
        var length = H3cTables.Int("Ipv4PrefixLength", Required(row, "Ipv4PrefixLength"), 0, 32);
        var nextHop = H3cTables.Ipv4("NexthopIpv4Address", Required(row, "NexthopIpv4Address"));
        var ifIndex = Required(row, "IfIndex");
        var via = ifIndex == "0" ? "" : " " + H3cTables.Interface(device, ifIndex).Name;
        if (via.Length == 0 && nextHop == "0.0.0.0")
        {
            throw RpcErrorException.InvalidValue("A static route needs a next hop or an output interface.");
        }

        return $"{destination} {length}{via}{(nextHop == "0.0.0.0" ? "" : " " + nextHop)}";
    }

    private static void CheckPublicVrf(IReadOnlyDictionary<string, string> row)
    {
        foreach (var column in (string[])["DestVrfIndex", "DestTopologyIndex", "NexthopVrfIndex"])
        {
            if (row.GetValueOrDefault(column) is { } value && value != "0")
            {
                throw RpcErrorException.InvalidValue($"The VPN instance or topology {value} does not exist.");
            }
        }
    }
}

/// <summary><c>ACL/Groups/Group</c>: IPv4 ACL groups (GroupType 1), basic 2000-2999 and advanced 3000-3999.</summary>
internal sealed class AclGroupsTable : H3cTable
{
    public override string Module => "ACL";
    public override string Table => "Groups";
    public override string? Row => "Group";
    public override IReadOnlyList<string> Keys { get; } = ["GroupType", "GroupID"];
    public override IReadOnlyList<string> Columns { get; } = ["GroupType", "GroupID", "MatchOrder", "Step", "Description", "RuleNum"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        foreach (var acl in H3cTables.Firewall(device).Acls)
        {
            var cells = new List<(string, string)>
            {
                ("GroupType", "1"), ("GroupID", H3cTables.Text(acl.Number)), ("MatchOrder", "1"), ("Step", H3cTables.Text(acl.Step)),
            };
            if (acl.Description is { } description)
            {
                cells.Add(("Description", description));
            }

            if (withState)
            {
                cells.Add(("RuleNum", H3cTables.Text(acl.Rules.Count)));
            }

            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var lines = new List<string> { Header(row) };
        if (row.TryGetValue("MatchOrder", out var order) && order != "1")
        {
            throw RpcErrorException.InvalidValue("Only the config match order is supported.");
        }

        if (row.TryGetValue("Step", out var step))
        {
            lines.Add("step " + H3cTables.Text(H3cTables.Int("Step", step, 1, 20)));
        }

        if (row.TryGetValue("Description", out var description))
        {
            lines.Add("description " + H3cTables.LineSafe("Description", description));
        }

        if (row.ContainsKey("RuleNum"))
        {
            throw RpcErrorException.BadElement("RuleNum", "The RuleNum column is read-only.");
        }

        return lines;
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) => ["undo " + Header(row)];

    private static string Header(IReadOnlyDictionary<string, string> row)
    {
        if (Required(row, "GroupType") != "1")
        {
            throw RpcErrorException.InvalidValue("Only IPv4 ACLs (GroupType 1) are supported.");
        }

        var number = H3cTables.Int("GroupID", Required(row, "GroupID"), 2000, 3999);
        return (number < 3000 ? "acl basic " : "acl advanced ") + H3cTables.Text(number);
    }
}

/// <summary><c>SecurityZone/Zones/Zone</c>.</summary>
internal sealed class ZonesTable : H3cTable
{
    public override string Module => "SecurityZone";
    public override string Table => "Zones";
    public override string? Row => "Zone";
    public override IReadOnlyList<string> Keys { get; } = ["ZoneName"];
    public override IReadOnlyList<string> Columns { get; } = ["ZoneName"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState) =>
        H3cTables.Firewall(device).Zones.Select(z => new TableRow([("ZoneName", z.Name)]));

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        ["security-zone name " + H3cTables.Quoted("ZoneName", Required(row, "ZoneName"))];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["undo security-zone name " + H3cTables.Quoted("ZoneName", Required(row, "ZoneName"))];
}

/// <summary><c>SecurityZone/Interfaces/Interface</c>: which interface is in which zone.</summary>
internal sealed class ZoneInterfacesTable : H3cTable
{
    public override string Module => "SecurityZone";
    public override string Table => "Interfaces";
    public override string? Row => "Interface";
    public override IReadOnlyList<string> Keys { get; } = ["ZoneName", "IfIndex"];
    public override IReadOnlyList<string> Columns { get; } = ["ZoneName", "IfIndex"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        foreach (var zone in firewall.Zones)
        {
            foreach (var name in zone.Interfaces)
            {
                if (firewall.Interfaces.Find(name) is { } iface)
                {
                    yield return new TableRow([("ZoneName", zone.Name), ("IfIndex", H3cTables.Text(IfIndexes.Of(firewall.Interfaces, iface)))]);
                }
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        [Zone(row), "import interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        [Zone(row), "undo import interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name];

    private static string Zone(IReadOnlyDictionary<string, string> row) =>
        "security-zone name " + H3cTables.Quoted("ZoneName", Required(row, "ZoneName"));
}
