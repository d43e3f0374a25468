using Emulator.Comware.Model.Firewall.Nat;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// <c>NAT/OutboundDynamicRules/Interface</c>: <c>nat outbound [ACL] [address-group N [no-pat]]</c> per interface.
/// Names as H3C's Comware 7 NETCONF NAT module uses them in public ncclient clients (IfIndex, ACLNumber,
/// AddrGroupNumber, NoPAT; an Easy IP rule without ACL reads ACLNumber empty). Keys IfIndex and ACLNumber (one rule
/// per interface and ACL, as the CLI allows) are the emulator's reading, unverified.
/// </summary>
internal sealed class NatOutboundTable : H3cTable
{
    public override string Module => "NAT";
    public override string Table => "OutboundDynamicRules";
    public override string? Row => "Interface";
    public override IReadOnlyList<string> Keys { get; } = ["IfIndex", "ACLNumber"];
    public override IReadOnlyList<string> Columns { get; } = ["IfIndex", "ACLNumber", "AddrGroupNumber", "NoPAT"];
    public override IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string> { ["ACLNumber"] = "" };

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        foreach (var nat in firewall.Nat.Outbounds)
        {
            if (firewall.Interfaces.Find(nat.Interface) is not { } iface)
            {
                continue;
            }

            var cells = new List<(string, string)>
            {
                ("IfIndex", H3cTables.Text(IfIndexes.Of(firewall.Interfaces, iface))),
                ("ACLNumber", nat.Acl is { } acl ? H3cTables.Text(acl) : ""),
            };
            if (nat.AddressGroup is { } group)
            {
                cells.Add(("AddrGroupNumber", H3cTables.Text(group)));
            }

            cells.Add(("NoPAT", nat.NoPat ? "true" : "false"));
            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        var acl = Acl(row);
        int? group = row.TryGetValue("AddrGroupNumber", out var g) && g.Length > 0 ? H3cTables.Int("AddrGroupNumber", g, 0, 65535) : null;
        var noPat = row.GetValueOrDefault("NoPAT") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw Invalid("NoPAT", other),
        };
        var lines = new List<string> { "interface " + iface.Name };
        if (exists)
        {
            // The CLI adds a second rule rather than changing one: replace the rule with the same keys.
            lines.Add(Undo(acl));
        }

        lines.Add(NatStaticSection.RenderNatOutbound(new NatOutbound(iface.Name, acl, group, noPat)));
        return lines;
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name, Undo(Acl(row))];

    private static int? Acl(IReadOnlyDictionary<string, string> row) =>
        Required(row, "ACLNumber") is { Length: > 0 } text ? H3cTables.Int("ACLNumber", text, 2000, 3999) : null;

    private static string Undo(int? acl) => "undo nat outbound" + (acl is { } n ? " " + H3cTables.Text(n) : "");
}

/// <summary>
/// <c>NAT/ServerOnInterfaces/Interface</c>: <c>nat server protocol tcp|udp global A [P] inside B [Q]</c> per interface.
/// Names from public clients of H3C's Comware 7 NETCONF NAT module (IfIndex, ProtocolType, GlobalInfo/
/// GlobalStartIpv4Address, GlobalInfo/GlobalStartPortNumber, LocalInfo/LocalStartIpv4Address,
/// LocalInfo/LocalStartPortNumber). H3C indexes the row by more GlobalInfo columns (VRF, end address and port,
/// GlobalIfIndex); the emulator models single addresses and ports in the public VRF only, so those are not accepted.
/// </summary>
internal sealed class NatServerTable : H3cTable
{
    private const string GlobalAddress = "GlobalInfo.GlobalStartIpv4Address";
    private const string GlobalPort = "GlobalInfo.GlobalStartPortNumber";
    private const string LocalAddress = "LocalInfo.LocalStartIpv4Address";
    private const string LocalPort = "LocalInfo.LocalStartPortNumber";

    public override string Module => "NAT";
    public override string Table => "ServerOnInterfaces";
    public override string? Row => "Interface";
    public override IReadOnlyList<string> Keys { get; } = ["IfIndex", "ProtocolType", GlobalAddress, GlobalPort];
    public override IReadOnlyList<string> Columns { get; } = ["IfIndex", "ProtocolType", GlobalAddress, GlobalPort, LocalAddress, LocalPort];
    public override IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string> { [GlobalPort] = "" };

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        var firewall = H3cTables.Firewall(device);
        foreach (var server in firewall.Nat.Servers)
        {
            if (firewall.Interfaces.Find(server.Interface) is { } iface)
            {
                yield return new TableRow([
                    ("IfIndex", H3cTables.Text(IfIndexes.Of(firewall.Interfaces, iface))),
                    ("ProtocolType", H3cTables.Text(server.Protocol)),
                    (GlobalAddress, Ipv4.Format(server.Global)),
                    (GlobalPort, server.GlobalPort is { } gp ? H3cTables.Text(gp) : ""),
                    (LocalAddress, Ipv4.Format(server.Inside)),
                    (LocalPort, server.InsidePort is { } ip ? H3cTables.Text(ip) : "")]);
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var iface = H3cTables.Interface(device, Required(row, "IfIndex"));
        var protocol = Protocol(row);
        var server = new NatServer(
            iface.Name,
            protocol,
            Ipv4Address.Parse(H3cTables.Ipv4(GlobalAddress, Required(row, GlobalAddress))).Value,
            Port(row, GlobalPort),
            Ipv4Address.Parse(H3cTables.Ipv4(LocalAddress, Required(row, LocalAddress))).Value,
            Port(row, LocalPort));
        var lines = new List<string> { "interface " + iface.Name };
        if (exists)
        {
            lines.Add(Undo(row));
        }

        lines.Add(NatStaticSection.RenderNatServer(server));
        return lines;
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["interface " + H3cTables.Interface(device, Required(row, "IfIndex")).Name, Undo(row)];

    private static string Undo(IReadOnlyDictionary<string, string> row)
    {
        var protocol = Protocol(row);
        var port = Port(row, GlobalPort);
        return $"undo nat server protocol {Ports.ProtocolName(protocol)} global {H3cTables.Ipv4(GlobalAddress, Required(row, GlobalAddress))}"
            + (port is { } p ? " " + H3cTables.Text(p) : "");
    }

    private static int Protocol(IReadOnlyDictionary<string, string> row) => Required(row, "ProtocolType") switch
    {
        "6" => Ports.Tcp,
        "17" => Ports.Udp,
        var other => throw Invalid("ProtocolType", other),
    };

    private static int? Port(IReadOnlyDictionary<string, string> row, string column) =>
        row.GetValueOrDefault(column) is { Length: > 0 } text ? H3cTables.Int(column, text, 1, 65535) : null;
}
