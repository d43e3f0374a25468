using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>
/// Configuration text of V7 security policies (one <c>security-policy ip</c> block) and V5 interzone instances (one
/// block each). Written by the security policy, policy rule, interzone and interzone rule views.
/// </summary>
public sealed class PolicySection : FirewallSection
{
    public static PolicySection Instance { get; } = new();

    public override int Order => ConfigOrder.SecurityPolicy;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Dialect == ComwareDialect.V7)
        {
            return config.SecurityPolicy.Count == 0 ? [] : [SecurityPolicyBlock(config)];
        }

        return config.Interzones.Where(i => !i.IsEmpty).Select(i => (IReadOnlyList<string>)InterzoneBlock(i));
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) => view.State switch
    {
        InterzoneInstance instance => InterzoneBlock(instance),
        PolicyRule rule => RuleLines(rule, ""),
        _ when view.Id == PolicyCommands.SecurityPolicyView => SecurityPolicyBlock(config),
        _ => null,
    };

    /// <summary>
    /// <c>security-policy ip</c> with its rules, two-space indented (line order inside a rule unverified).
    /// </summary>
    public static List<string> SecurityPolicyBlock(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string> { "security-policy ip" };
        foreach (var rule in config.SecurityPolicy.Rules)
        {
            lines.AddRange(RuleLines(rule, " "));
        }

        return lines;
    }

    /// <summary>One rule's lines with the given indentation for the <c>rule</c> line; contents one space deeper.</summary>
    public static List<string> RuleLines(PolicyRule rule, string indent)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var inner = indent + " ";
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{indent}rule {rule.Id} name {rule.Name}") };
        if (rule.Description is not null)
        {
            lines.Add($"{inner}description {rule.Description}");
        }

        lines.Add($"{inner}action {(rule.Action == PolicyAction.Pass ? "pass" : "drop")}");
        if (rule.Logging)
        {
            lines.Add($"{inner}logging enable");
        }

        if (rule.Counting)
        {
            lines.Add($"{inner}counting enable");
        }

        if (rule.Disabled)
        {
            lines.Add($"{inner}disable");
        }

        lines.AddRange(rule.SourceZones.Select(z => $"{inner}source-zone {z}"));
        lines.AddRange(rule.DestinationZones.Select(z => $"{inner}destination-zone {z}"));
        lines.AddRange(rule.SourceAddresses.Select(a => inner + a.Render("source")));
        lines.AddRange(rule.DestinationAddresses.Select(a => inner + a.Render("destination")));
        lines.AddRange(rule.Services.Select(s => $"{inner}service {s}"));
        return lines;
    }

    /// <summary>
    /// V5 interzone instance: rules with their objects, or the ACLs
    /// of a policy group as <c>packet-filter N</c> lines.
    /// </summary>
    public static List<string> InterzoneBlock(InterzoneInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var lines = new List<string> { $"interzone source {instance.Source} destination {instance.Destination}" };
        foreach (var rule in instance.Rules)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $" rule {rule.Id} {(rule.Permit ? "permit" : "deny")}"));
            lines.AddRange(rule.SourceObjects.Select(o => $"  source-ip {o}"));
            lines.AddRange(rule.DestinationObjects.Select(o => $"  destination-ip {o}"));
            lines.AddRange(rule.Services.Select(s => $"  service {s}"));
            if (rule.Logging)
            {
                lines.Add("  logging");
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  rule {rule.Id} {(rule.Enabled ? "enable" : "disable")}"));
        }

        lines.AddRange(instance.PacketFilters.Select(n => string.Create(CultureInfo.InvariantCulture, $" packet-filter {n}")));
        return lines;
    }
}
