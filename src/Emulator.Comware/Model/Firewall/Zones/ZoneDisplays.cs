using System.Globalization;

namespace Emulator.Comware.Model.Firewall.Zones;

/// <summary>V5 <c>display zone</c> and V7 <c>display security-zone</c> (layouts unverified).</summary>
public static class ZoneDisplays
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

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
