using System.Globalization;

namespace Emulator.Comware.Model.Firewall.Displays;

/// <summary>Zone, policy, ACL and object displays (layouts unverified unless noted).</summary>
public static class PolicyDisplays
{
    /// <summary>V5 <c>display zone</c> / V7 <c>display security-zone</c> [name NAME].</summary>
    public static List<string> Zones(FirewallConfig config, SecurityZone? only = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var zone in only is null ? config.Zones.AsEnumerable() : [only])
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            if (config.Dialect == ComwareDialect.V5)
            {
                lines.Add(Inv($"Zone name: {zone.Name}  id: {zone.Id}  priority: {zone.Priority ?? 0}"));
                lines.Add(Inv($" Interfaces of the zone ({zone.Interfaces.Count}):"));
                lines.AddRange(zone.Interfaces.Select(i => "  " + i));
            }
            else
            {
                lines.Add($"Name: {zone.Name}");
                if (zone.Interfaces.Count == 0)
                {
                    lines.Add("Member set: None");
                }
                else
                {
                    lines.Add("Member set:");
                    lines.AddRange(zone.Interfaces.Select(i => "    " + i));
                }
            }
        }

        return lines;
    }

    /// <summary>V7 <c>display security-policy ip</c>: the rules in match order with their hit counts.</summary>
    public static List<string> SecurityPolicy(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string> { "Security-policy ip" };
        foreach (var rule in config.PolicyRules)
        {
            lines.Add("");
            var rendered = PolicyRenderer.RuleLines(rule, " ");
            if (rule.Counting)
            {
                rendered[0] += Inv($" ({rule.Hits.Count} times matched)");
            }

            lines.AddRange(rendered);
        }

        return lines;
    }

    /// <summary>V5 <c>display interzone-policy</c>: each instance as configured, with hit counts.</summary>
    public static List<string> Interzones(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var instance in config.Interzones.Where(i => !i.IsEmpty))
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.Add($"Interzone source {instance.Source} destination {instance.Destination}");
            foreach (var rule in instance.Rules)
            {
                lines.Add(Inv($" rule {rule.Id} {(rule.Permit ? "permit" : "deny")} ({rule.Hits.Count} times matched){(rule.Enabled ? "" : " (disabled)")}"));
                lines.Add($"  source-ip {string.Join(' ', rule.SourceObjects)}");
                lines.Add($"  destination-ip {string.Join(' ', rule.DestinationObjects)}");
                lines.Add($"  service {string.Join(' ', rule.Services)}");
            }

            lines.AddRange(instance.PacketFilters.Select(n => Inv($" packet-filter {n}")));
        }

        return lines;
    }

    /// <summary>
    /// <c>display acl N|all</c>. V5 layout from a real capture (#71163492803): "Basic ACL  2000, 2 rules" /
    /// "ACL's step is 5" / rules with " (N times matched)". V7 layout unverified.
    /// </summary>
    public static List<string> Acls(FirewallConfig config, Acl? only = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var acl in only is null ? config.Acls.AsEnumerable() : [only])
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            var count = acl.Rules.Count;
            var rules = Inv($"{count} rule{(count == 1 ? "" : "s")}");
            if (config.Dialect == ComwareDialect.V5)
            {
                lines.Add(Inv($"{(acl.Kind == AclKind.Basic ? "Basic" : "Advanced")} ACL  {acl.Number}, {rules}"));
                lines.Add(Inv($"ACL's step is {acl.Step}"));
            }
            else
            {
                lines.Add(Inv($"{(acl.Kind == AclKind.Basic ? "Basic" : "Advanced")} IPv4 ACL {acl.Number}, {rules},"));
                lines.Add(Inv($"ACL's step is {acl.Step}, start ID is 0"));
            }

            if (acl.Description is not null)
            {
                lines.Add($"ACL's description: {acl.Description}");
            }

            foreach (var rule in acl.Rules)
            {
                var hits = rule.Hits.Count > 0 ? Inv($" ({rule.Hits.Count} times matched)") : "";
                lines.Add(" " + rule.Render(acl.Kind) + hits);
            }
        }

        return lines;
    }

    /// <summary>
    /// V7 <c>display object-group</c> (layout from the H3C V7 object group command reference,
    /// https://www.h3c.com/en/d_202208/1658814_294551_0.htm); V5 <c>display object</c> uses the same layout (unverified).
    /// </summary>
    public static List<string> Objects(FirewallConfig config, string? name = null, bool? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        if (addresses is null or true)
        {
            foreach (var obj in config.AddressObjects.Where(o => name is null || o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Separate(lines);
                lines.Add(Inv($"IP address object group {obj.Name}: {Count(obj.Members.Count)}({(config.IsAddressObjectInUse(obj.Name) ? "in use" : "out of use")})"));
                lines.AddRange(obj.Members.Select(m => m.Render(ComwareDialect.V7)));
            }
        }

        if (addresses is null or false)
        {
            foreach (var obj in config.ServiceObjects.Where(o => name is null || o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Separate(lines);
                lines.Add(Inv($"Service object group {obj.Name}: {Count(obj.Members.Count)}({(config.IsServiceObjectInUse(obj.Name) ? "in use" : "out of use")})"));
                lines.AddRange(obj.Members.Select(m => m.Render(ComwareDialect.V7)));
            }
        }

        return lines;
    }

    private static void Separate(List<string> lines)
    {
        if (lines.Count > 0)
        {
            lines.Add("");
        }
    }

    private static string Count(int count) => Inv($"{count} object{(count > 1 ? "s" : "")}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
