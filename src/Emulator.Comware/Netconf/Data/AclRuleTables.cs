using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// <c>ACL/IPv4BasicRules/Rule</c> and <c>ACL/IPv4AdvanceRules/Rule</c>: the rules of numbered IPv4 ACLs, keyed by
/// GroupID and RuleID. Table, row and column names as H3C's Comware 7 NETCONF ACL module uses them in public client
/// code (the SecPath RESTful/NETCONF table list names IPv4BasicRules and IPv4AdvanceRules; rows carry Action,
/// ProtocolType, SrcAny, SrcIPv4/SrcIPv4Addr, SrcIPv4/SrcIPv4Wildcard, DstAny, DstIPv4/..., SrcPort/SrcPortOp,
/// SrcPortValue1, SrcPortValue2, DstPort/..., Counting, Logging). Value codes: Action 1 deny / 2 permit and
/// ProtocolType 256 = any IP are as those clients send them; the port operator codes 1 lt, 2 eq, 3 gt, 4 neq, 5 range
/// are H3C-ACL-MIB's PortOp enumeration, assumed (not verified) to be the NETCONF codes too.
/// A row is written as the <c>rule</c> line the CLI takes, rendered by the typed model itself (<see cref="AclRule.Render"/>).
/// </summary>
internal abstract class AclRulesTable(AclKind kind) : H3cTable
{
    private const string AnyProtocol = "256";

    public override string Module => "ACL";
    public override string? Row => "Rule";
    public override IReadOnlyList<string> Keys { get; } = ["GroupID", "RuleID"];

    private bool Advanced => kind == AclKind.Advanced;

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        foreach (var acl in H3cTables.Firewall(device).Acls.Where(a => a.Kind == kind))
        {
            foreach (var rule in acl.Rules)
            {
                yield return new TableRow(Cells(acl, rule, withState));
            }
        }
    }

    private List<(string, string)> Cells(Acl acl, AclRule rule, bool withState)
    {
        var cells = new List<(string, string)>
        {
            ("GroupID", H3cTables.Text(acl.Number)), ("RuleID", H3cTables.Text(rule.Id)), ("Action", rule.Permit ? "2" : "1"),
        };
        if (Advanced)
        {
            cells.Add(("ProtocolType", rule.Protocol is { } p ? H3cTables.Text(p) : AnyProtocol));
        }

        AddAddress(cells, "Src", rule.Source);
        if (Advanced)
        {
            AddAddress(cells, "Dst", rule.Destination);
            AddPort(cells, "Src", rule.SourcePort);
            AddPort(cells, "Dst", rule.DestinationPort);
        }

        cells.Add(("Counting", rule.Counting ? "true" : "false"));
        cells.Add(("Logging", rule.Logging ? "true" : "false"));
        if (withState)
        {
            cells.Add(("MatchCount", rule.Hits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return cells;
    }

    private static void AddAddress(List<(string, string)> cells, string side, WildcardMatch match)
    {
        cells.Add((side + "Any", match.IsAny ? "true" : "false"));
        if (!match.IsAny)
        {
            cells.Add(($"{side}IPv4.{side}IPv4Addr", Ipv4.Format(match.Address)));
            cells.Add(($"{side}IPv4.{side}IPv4Wildcard", Ipv4.Format(match.Wildcard)));
        }
    }

    private static void AddPort(List<(string, string)> cells, string side, PortMatch? port)
    {
        if (port is { } p)
        {
            cells.Add(($"{side}Port.{side}PortOp", H3cTables.Text(OperatorCode(p.Operator))));
            cells.Add(($"{side}Port.{side}PortValue1", H3cTables.Text(p.Low)));
            if (p.Operator == PortOperator.Range)
            {
                cells.Add(($"{side}Port.{side}PortValue2", H3cTables.Text(p.High)));
            }
        }
    }

    private static int OperatorCode(PortOperator op) => op switch
    {
        PortOperator.Lt => 1,
        PortOperator.Eq => 2,
        PortOperator.Gt => 3,
        PortOperator.Neq => 4,
        _ => 5,
    };

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        var acl = Group(device, row);
        if (row.ContainsKey("MatchCount"))
        {
            throw RpcErrorException.BadElement("MatchCount", "The MatchCount column is read-only.");
        }

        var id = H3cTables.Int("RuleID", Required(row, "RuleID"), 0, 65534);
        var current = acl.Rules.FirstOrDefault(r => r.Id == id);
        var rule = new AclRule
        {
            Id = id,
            Permit = row.TryGetValue("Action", out var action)
                ? action switch { "1" => false, "2" => true, _ => throw Invalid("Action", action) }
                : current?.Permit ?? throw RpcErrorException.MissingElement("Action"),
            Protocol = Advanced ? Protocol(row, current) : null,
            Source = Address(row, "Src", current?.Source),
            Destination = Advanced ? Address(row, "Dst", current?.Destination) : WildcardMatch.Any,
            SourcePort = Advanced ? Port(row, "Src", current?.SourcePort) : null,
            DestinationPort = Advanced ? Port(row, "Dst", current?.DestinationPort) : null,
            Counting = Flag(row, "Counting", current?.Counting ?? false),
            Logging = Flag(row, "Logging", current?.Logging ?? false),
        };
        return [Header(acl), rule.Render(kind)];
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        [Header(Group(device, row)), "undo rule " + H3cTables.Text(H3cTables.Int("RuleID", Required(row, "RuleID"), 0, 65534))];

    private Acl Group(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var number = H3cTables.Int("GroupID", Required(row, "GroupID"), Advanced ? 3000 : 2000, Advanced ? 3999 : 2999);
        return H3cTables.Firewall(device).Acls.Find(number)
            ?? throw RpcErrorException.InvalidValue($"The ACL {H3cTables.Text(number)} does not exist.");
    }

    private static string Header(Acl acl) => (acl.Kind == AclKind.Basic ? "acl basic " : "acl advanced ") + H3cTables.Text(acl.Number);

    private static int? Protocol(IReadOnlyDictionary<string, string> row, AclRule? current)
    {
        if (!row.TryGetValue("ProtocolType", out var text))
        {
            return current is null ? throw RpcErrorException.MissingElement("ProtocolType") : current.Protocol;
        }

        var number = H3cTables.Int("ProtocolType", text, 0, 256);
        return number == 256 ? null : number;
    }

    private static bool Flag(IReadOnlyDictionary<string, string> row, string column, bool fallback) =>
        !row.TryGetValue(column, out var text) ? fallback : text switch
        {
            "true" => true,
            "false" => false,
            _ => throw Invalid(column, text),
        };

    private static WildcardMatch Address(IReadOnlyDictionary<string, string> row, string side, WildcardMatch? current)
    {
        var addressColumn = $"{side}IPv4.{side}IPv4Addr";
        var wildcardColumn = $"{side}IPv4.{side}IPv4Wildcard";
        if (Flag(row, side + "Any", false) || (row.ContainsKey(side + "Any") && !row.ContainsKey(addressColumn)))
        {
            return WildcardMatch.Any;
        }

        if (!row.TryGetValue(addressColumn, out var address))
        {
            return current ?? WildcardMatch.Any;
        }

        var wildcard = row.GetValueOrDefault(wildcardColumn) ?? throw RpcErrorException.MissingElement(wildcardColumn);
        return new WildcardMatch(
            Ipv4Address.Parse(H3cTables.Ipv4(addressColumn, address)).Value,
            Ipv4Address.Parse(H3cTables.Ipv4(wildcardColumn, wildcard)).Value);
    }

    private static PortMatch? Port(IReadOnlyDictionary<string, string> row, string side, PortMatch? current)
    {
        var opColumn = $"{side}Port.{side}PortOp";
        if (!row.TryGetValue(opColumn, out var opText))
        {
            return current;
        }

        var op = H3cTables.Int(opColumn, opText, 1, 5) switch
        {
            1 => PortOperator.Lt,
            2 => PortOperator.Eq,
            3 => PortOperator.Gt,
            4 => PortOperator.Neq,
            _ => PortOperator.Range,
        };
        var low = H3cTables.Int($"{side}PortValue1", row.GetValueOrDefault($"{side}Port.{side}PortValue1") ?? throw RpcErrorException.MissingElement(side + "PortValue1"), 0, 65535);
        var high = op == PortOperator.Range
            ? H3cTables.Int($"{side}PortValue2", row.GetValueOrDefault($"{side}Port.{side}PortValue2") ?? throw RpcErrorException.MissingElement(side + "PortValue2"), low, 65535)
            : low;
        return new PortMatch(op, low, high);
    }
}

/// <summary><c>ACL/IPv4BasicRules/Rule</c> (ACLs 2000-2999).</summary>
internal sealed class AclBasicRulesTable() : AclRulesTable(AclKind.Basic)
{
    public override string Table => "IPv4BasicRules";
    public override IReadOnlyList<string> Columns { get; } =
        ["GroupID", "RuleID", "Action", "SrcAny", "SrcIPv4.SrcIPv4Addr", "SrcIPv4.SrcIPv4Wildcard", "Counting", "Logging", "MatchCount"];
}

/// <summary><c>ACL/IPv4AdvanceRules/Rule</c> (ACLs 3000-3999).</summary>
internal sealed class AclAdvanceRulesTable() : AclRulesTable(AclKind.Advanced)
{
    public override string Table => "IPv4AdvanceRules";
    public override IReadOnlyList<string> Columns { get; } =
    [
        "GroupID", "RuleID", "Action", "ProtocolType", "SrcAny", "SrcIPv4.SrcIPv4Addr", "SrcIPv4.SrcIPv4Wildcard",
        "DstAny", "DstIPv4.DstIPv4Addr", "DstIPv4.DstIPv4Wildcard", "SrcPort.SrcPortOp", "SrcPort.SrcPortValue1", "SrcPort.SrcPortValue2",
        "DstPort.DstPortOp", "DstPort.DstPortValue1", "DstPort.DstPortValue2", "Counting", "Logging", "MatchCount",
    ];
}
