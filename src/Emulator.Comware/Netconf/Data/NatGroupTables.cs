using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// <c>NAT/AddrGroups/AddrGroup</c> (GroupNumber) and <c>NAT/AddrGroupMembers/GroupMember</c> (GroupNumber,
/// StartIpv4Address, EndIpv4Address): NAT address groups and their ranges, V7 <c>nat address-group N</c> /
/// <c>address A B</c>. Names as public ncclient clients of H3C's Comware 7 NETCONF NAT module read them; the other
/// AddrGroup columns (GroupName, port blocks) are not modelled and not accepted.
/// </summary>
internal sealed class NatAddressGroupsTable : H3cTable
{
    public override string Module => "NAT";
    public override string Table => "AddrGroups";
    public override string? Row => "AddrGroup";
    public override IReadOnlyList<string> Keys { get; } = ["GroupNumber"];
    public override IReadOnlyList<string> Columns { get; } = ["GroupNumber"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState) =>
        H3cTables.Firewall(device).Nat.AddressGroups.Select(g => new TableRow([("GroupNumber", H3cTables.Text(g.Id))]));

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        ["nat address-group " + Number(row)];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["undo nat address-group " + Number(row)];

    internal static string Number(IReadOnlyDictionary<string, string> row) =>
        H3cTables.Text(H3cTables.Int("GroupNumber", Required(row, "GroupNumber"), 0, 65535));
}

/// <summary><c>NAT/AddrGroupMembers/GroupMember</c>: one address range of a NAT address group (see <see cref="NatAddressGroupsTable"/>).</summary>
internal sealed class NatAddressGroupMembersTable : H3cTable
{
    public override string Module => "NAT";
    public override string Table => "AddrGroupMembers";
    public override string? Row => "GroupMember";
    public override IReadOnlyList<string> Keys { get; } = ["GroupNumber", "StartIpv4Address", "EndIpv4Address"];
    public override IReadOnlyList<string> Columns { get; } = ["GroupNumber", "StartIpv4Address", "EndIpv4Address"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        foreach (var group in H3cTables.Firewall(device).Nat.AddressGroups)
        {
            foreach (var range in group.Ranges)
            {
                yield return new TableRow([
                    ("GroupNumber", H3cTables.Text(group.Id)),
                    ("StartIpv4Address", Ipv4.Format(range.Start)),
                    ("EndIpv4Address", Ipv4.Format(range.End))]);
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        [Group(device, row), "address " + Range(row)];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        [Group(device, row), "undo address " + Range(row)];

    /// <summary>A member belongs to an existing group; the row never creates one.</summary>
    private static string Group(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var number = NatAddressGroupsTable.Number(row);
        return H3cTables.Firewall(device).Nat.FindGroup(H3cTables.Int("GroupNumber", number, 0, 65535)) is null
            ? throw RpcErrorException.InvalidValue($"The NAT address group {number} does not exist.")
            : "nat address-group " + number;
    }

    private static string Range(IReadOnlyDictionary<string, string> row) =>
        H3cTables.Ipv4("StartIpv4Address", Required(row, "StartIpv4Address")) + " " + H3cTables.Ipv4("EndIpv4Address", Required(row, "EndIpv4Address"));
}

/// <summary>
/// <c>NAT/StaticOnInterfaces/Interface</c> (IfIndex, EnableStatic): V7 <c>nat static enable</c> on an interface.
/// Names from public client code of H3C's SecPath NETCONF/RESTful NAT module; the row element name
/// <c>Interface</c> is assumed from the module's other per-interface tables (not verified).
/// </summary>
internal sealed class NatStaticOnInterfacesTable : H3cTable
{
    public override string Module => "NAT";
    public override string Table => "StaticOnInterfaces";
    public override string? Row => "Interface";
    public override IReadOnlyList<string> Keys { get; } = ["IfIndex"];
    public override IReadOnlyList<string> Columns { get; } = ["IfIndex", "EnableStatic"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        foreach (var name in firewall.Nat.StaticInterfaces)
        {
            if (firewall.Interfaces.Find(name) is { } iface)
            {
                yield return new TableRow([("IfIndex", H3cTables.Text(IfIndexes.Of(firewall.Interfaces, iface))), ("EnableStatic", "true")]);
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        ["interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name, row.GetValueOrDefault("EnableStatic") switch
        {
            null or "true" => "nat static enable",
            "false" => "undo nat static enable",
            var other => throw Invalid("EnableStatic", other),
        }];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name, "undo nat static enable"];
}
