using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// <c>SecurityPolicies/IPv4Rules/Rule</c>: V7 <c>security-policy ip</c> rules keyed by ID. Names from H3C's Comware 7
/// NETCONF SecurityPolicies module as public ncclient clients use it (IPv4Rules/Rule with ID, RuleName, Action —
/// 1 drop, 2 pass; GetRules lists Enable, Log, Counting and Comment for the same rule). That IPv4Rules carries Enable,
/// Log, Counting and Comment as writable columns is an assumption (not verified against H3C's reference).
/// </summary>
internal sealed class SecurityPolicyRulesTable : H3cTable
{
    public override string Module => "SecurityPolicies";
    public override string Table => "IPv4Rules";
    public override string? Row => "Rule";
    public override IReadOnlyList<string> Keys { get; } = ["ID"];
    public override IReadOnlyList<string> Columns { get; } = ["ID", "RuleName", "Action", "Enable", "Log", "Counting", "Comment", "Count"];

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        foreach (var rule in H3cTables.Firewall(device).SecurityPolicy.Rules)
        {
            var cells = new List<(string, string)>
            {
                ("ID", H3cTables.Text(rule.Id)), ("RuleName", rule.Name), ("Action", rule.Action == PolicyAction.Pass ? "2" : "1"),
                ("Enable", rule.Disabled ? "false" : "true"), ("Log", rule.Logging ? "true" : "false"), ("Counting", rule.Counting ? "true" : "false"),
            };
            if (rule.Description is { } comment)
            {
                cells.Add(("Comment", comment));
            }

            if (withState)
            {
                cells.Add(("Count", rule.Hits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            yield return new TableRow(cells);
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists)
    {
        if (row.ContainsKey("Count"))
        {
            throw RpcErrorException.BadElement("Count", "The Count column is read-only.");
        }

        var id = H3cTables.Int("ID", Required(row, "ID"), 0, 65534);
        var head = "rule " + H3cTables.Text(id);
        if (row.TryGetValue("RuleName", out var name))
        {
            head += " name " + H3cTables.LineSafe("RuleName", name);
        }

        var lines = new List<string> { "security-policy ip", head };
        if (row.TryGetValue("Action", out var action))
        {
            lines.Add(action switch { "1" => "action drop", "2" => "action pass", _ => throw Invalid("Action", action) });
        }

        AddSwitch(lines, row, "Enable", "undo disable", "disable");
        AddSwitch(lines, row, "Log", "logging enable", "undo logging enable");
        AddSwitch(lines, row, "Counting", "counting enable", "undo counting enable");
        if (row.TryGetValue("Comment", out var comment))
        {
            lines.Add(comment.Length == 0 ? "undo description" : "description " + H3cTables.LineSafe("Comment", comment));
        }

        return lines;
    }

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        ["security-policy ip", "undo rule " + H3cTables.Text(H3cTables.Int("ID", Required(row, "ID"), 0, 65534))];

    private static void AddSwitch(List<string> lines, IReadOnlyDictionary<string, string> row, string column, string whenTrue, string whenFalse)
    {
        if (row.TryGetValue(column, out var value))
        {
            lines.Add(value switch { "true" => whenTrue, "false" => whenFalse, _ => throw Invalid(column, value) });
        }
    }
}

/// <summary>
/// <c>SecurityPolicies/IPv4SrcSecZone/SrcSecZone</c> and <c>IPv4DestSecZone/DestSecZone</c>: the zones a rule matches.
/// H3C's rows carry ID, SeqNum, IsIncrement and a <c>NameList</c> of <c>NameItem</c>s (as public ncclient clients send
/// them). The emulator's table model has one value per column, so it reads and writes one row per (rule, zone) with a
/// single NameItem and SeqNum = the zone's position — a simplification, unverified against a device's get output.
/// </summary>
internal abstract class PolicyZonesTable(bool source) : H3cTable
{
    private const string Item = "NameList.NameItem";

    public override string Module => "SecurityPolicies";
    public override IReadOnlyList<string> Keys { get; } = ["ID", Item];
    public override IReadOnlyList<string> Columns { get; } = ["ID", "SeqNum", "IsIncrement", Item];

    private string Keyword => source ? "source-zone " : "destination-zone ";

    public override IEnumerable<TableRow> Read(ComwareDevice device, bool withState)
    {
        foreach (var rule in H3cTables.Firewall(device).SecurityPolicy.Rules)
        {
            var zones = source ? rule.SourceZones : rule.DestinationZones;
            for (var i = 0; i < zones.Count; i++)
            {
                yield return new TableRow([("ID", H3cTables.Text(rule.Id)), ("SeqNum", H3cTables.Text(i + 1)), (Item, zones[i])]);
            }
        }
    }

    public override IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists) =>
        [.. Rule(device, row), Keyword + H3cTables.LineSafe("NameItem", Required(row, Item))];

    public override IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        [.. Rule(device, row), "undo " + Keyword + H3cTables.LineSafe("NameItem", Required(row, Item))];

    /// <summary>The zone list belongs to an existing rule; the row never creates one.</summary>
    private static string[] Rule(ComwareDevice device, IReadOnlyDictionary<string, string> row)
    {
        var id = H3cTables.Int("ID", Required(row, "ID"), 0, 65534);
        return H3cTables.Firewall(device).SecurityPolicy.Find(id) is null
            ? throw RpcErrorException.InvalidValue($"The security policy rule {H3cTables.Text(id)} does not exist.")
            : ["security-policy ip", "rule " + H3cTables.Text(id)];
    }
}

internal sealed class PolicySourceZonesTable() : PolicyZonesTable(source: true)
{
    public override string Table => "IPv4SrcSecZone";
    public override string? Row => "SrcSecZone";
}

internal sealed class PolicyDestinationZonesTable() : PolicyZonesTable(source: false)
{
    public override string Table => "IPv4DestSecZone";
    public override string? Row => "DestSecZone";
}
