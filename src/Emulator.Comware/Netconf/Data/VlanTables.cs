using Emulator.Comware.Model.Layer2;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// <c>VLAN/VLANs/VLANID</c> of H3C's Comware 7 NETCONF XML API: <c>ID</c> (key), <c>Name</c>, <c>Description</c>; with
/// state (<c>get</c>) the member lists as H3C writes them (<c>UntaggedPortList</c>, <c>TaggedPortList</c>: IfIndexes
/// separated by commas) and <c>RouteIfIndex</c> when the Vlan-interface exists. Read from the layer-2 model, written
/// as the CLI's <c>vlan N</c>, <c>name</c>, <c>description</c>, so NETCONF and the CLI share one configuration.
/// VLAN 1 cannot be deleted (its row's delete is refused by the CLI line, as on the device).
/// </summary>
internal sealed class VlanTable : H3cTable
{
    public override string Module => "VLAN";
    public override string Table => "VLANs";
    public override string? Row => "VLANID";
    public override IReadOnlyList<string> Keys { get; } = ["ID"];
    public override IReadOnlyList<string> Columns { get; } = ["ID", "Name", "Description", "UntaggedPortList", "TaggedPortList", "RouteIfIndex"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        var layer2 = firewall.Layer2;
        foreach (var vlan in layer2.Vlans)
        {
            var cells = new List<(string, string)>
            {
                ("ID", H3cTables.Text(vlan.Id)),
                ("Name", vlan.EffectiveName),
                ("Description", vlan.EffectiveDescription),
            };
            if (withState)
            {
                var ports = firewall.Interfaces.Where(i => layer2.IsBridged(i) && layer2.AggregateOf(i) is null).ToList();
                string List(Func<PortSettings, bool> carries) =>
                    string.Join(',', ports.Where(p => carries(layer2.SettingsOf(p))).Select(p => H3cTables.Text(IfIndexes.Of(firewall.Interfaces, p))));
                cells.Add(("UntaggedPortList", List(s => s.CarriesUntagged(vlan.Id))));
                cells.Add(("TaggedPortList", List(s => s.CarriesTagged(vlan.Id))));
                if (firewall.Interfaces.Find("Vlan-interface" + H3cTables.Text(vlan.Id)) is { } routed)
                {
                    cells.Add(("RouteIfIndex", H3cTables.Text(IfIndexes.Of(firewall.Interfaces, routed))));
                }
            }

            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        foreach (var readOnly in (string[])["UntaggedPortList", "TaggedPortList", "RouteIfIndex"])
        {
            if (row.ContainsKey(readOnly))
            {
                throw RpcErrorException.BadElement(readOnly, $"The {readOnly} column is read-only.");
            }
        }

        var lines = new List<string> { "vlan " + H3cTables.Text(H3cTables.Int("ID", Required(row, "ID"), 1, 4094)) };
        if (row.TryGetValue("Name", out var name))
        {
            lines.Add("name " + H3cTables.LineSafe("Name", name));
        }

        if (row.TryGetValue("Description", out var description))
        {
            lines.Add("description " + H3cTables.LineSafe("Description", description));
        }

        return lines;
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["undo vlan " + H3cTables.Text(H3cTables.Int("ID", Required(row, "ID"), 1, 4094))];
}
