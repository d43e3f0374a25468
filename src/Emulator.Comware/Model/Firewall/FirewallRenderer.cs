using Emulator.Comware.Commands;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// The firewall part of <c>display current-configuration</c> from a model alone (tests, fixtures): the firewall
/// sections of a command set, in their order, each block preceded by <c>#</c>.
/// </summary>
public static class FirewallRenderer
{
    public static IReadOnlyList<string> RenderLines(FirewallConfig config, CommandSet? commands = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var section in (commands ?? CommandModules.DefaultSet).ConfigSections.OfType<FirewallSection>())
        {
            foreach (var block in section.Blocks(config))
            {
                lines.Add("#");
                lines.AddRange(block);
            }
        }

        return lines;
    }
}
