using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Zones;

/// <summary>The security zones: V5 one block of <c>zone name N id I</c> entries, V7 one <c>security-zone name N</c> block each; written by the zone view.</summary>
public sealed class ZoneSection : FirewallSection
{
    public static ZoneSection Instance { get; } = new();

    public override int Order => ConfigOrder.SecurityZone;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ZoneBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is SecurityZone zone ? ZoneLines(zone, config.Dialect == ComwareDialect.V7) : null;

    private static List<IReadOnlyList<string>> ZoneBlocks(FirewallConfig config, bool v7)
    {
        if (v7)
        {
            return config.Zones.Where(z => !z.IsDefault || z.Interfaces.Count > 0).Select(z => (IReadOnlyList<string>)ZoneLines(z, v7)).ToList();
        }

        // V5: all zones in one block, no '#' between them.
        var lines = new List<string>();
        foreach (var zone in config.Zones.Where(z => !z.IsDefault || z.Interfaces.Count > 0).OrderBy(z => z.Id))
        {
            lines.AddRange(ZoneLines(zone, v7));
        }

        return lines.Count == 0 ? [] : [lines];
    }
    public static List<string> ZoneLines(SecurityZone zone, bool v7)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var lines = v7
            ? new List<string> { $"security-zone name {zone.Name}" }
            : new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"zone name {zone.Name} id {zone.Id}"),
                string.Create(CultureInfo.InvariantCulture, $" priority {zone.Priority ?? 0}"),
            };
        lines.AddRange(zone.Interfaces.Select(i => $" import interface {i}"));
        return lines;
    }
}
