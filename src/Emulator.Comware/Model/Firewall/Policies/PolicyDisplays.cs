using System.Globalization;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>V7 <c>display security-policy ip</c> and V5 <c>display interzone-policy</c> (layouts unverified).</summary>
public static class PolicyDisplays
{
    /// <summary>V7 <c>display security-policy ip</c>: the rules in match order with their hit counts.</summary>
    public static List<string> SecurityPolicy(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string> { "Security-policy ip" };
        foreach (var rule in config.SecurityPolicy.Rules)
        {
            lines.Add("");
            var rendered = PolicySection.RuleLines(rule, " ");
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

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
