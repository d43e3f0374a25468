using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>NAT address groups: V5 one block of global <c>nat address-group N A B</c> lines, V7 one <c>nat address-group N</c> block each (written by the address group view).</summary>
public sealed class NatAddressGroupSection : FirewallSection
{
    public static NatAddressGroupSection Instance { get; } = new();

    public override int Order => ConfigOrder.Acl - 20;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return NatGroupBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is NatAddressGroup group ? NatGroupBlock(group) : null;

    private static List<IReadOnlyList<string>> NatGroupBlocks(FirewallConfig config, bool v7)
    {
        var groups = config.Nat.AddressGroups.Where(g => g.Ranges.Count > 0 || v7).ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        if (!v7)
        {
            // V5: one global line per group, one block for all.
            return [groups.Select(g => string.Create(CultureInfo.InvariantCulture,
                $" nat address-group {g.Id} {Ipv4.Format(g.Ranges[0].Start)} {Ipv4.Format(g.Ranges[0].End)}")).ToList()];
        }

        return groups.Select(g => (IReadOnlyList<string>)NatGroupBlock(g)).ToList();
    }
    /// <summary>A V7 NAT address group view (V5 groups are one global line each).</summary>
    public static List<string> NatGroupBlock(NatAddressGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return [string.Create(CultureInfo.InvariantCulture, $"nat address-group {group.Id}"), .. group.Ranges.Select(r => $" address {Ipv4.Format(r.Start)} {Ipv4.Format(r.End)}")];
    }
}
