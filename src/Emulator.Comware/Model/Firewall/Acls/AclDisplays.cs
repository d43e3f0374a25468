using System.Globalization;

namespace Emulator.Comware.Model.Firewall.Acls;

/// <summary><c>display acl</c> (V5 layout from an HP capture; V7 wording unverified).</summary>
public static class AclDisplays
{
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

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
