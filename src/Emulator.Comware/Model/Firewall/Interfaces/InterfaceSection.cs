using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall.Nat;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Interfaces;

/// <summary>The <c>interface NAME</c> blocks, written by the interface view. NAT settings of an interface are printed inside its block (<see cref="NatStaticSection.InterfaceLines"/>).</summary>
public sealed class InterfaceSection : FirewallSection
{
    public static InterfaceSection Instance { get; } = new();

    public override int Order => ConfigOrder.Interface;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return InterfaceBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is FwInterface iface ? InterfaceBlock(config, iface, config.Dialect == ComwareDialect.V7) : null;

    /// <summary>
    /// Every port and <c>NULL0</c> are listed even when unconfigured, as real Comware configurations do (issue 13;
    /// ntc-templates' hp_comware captures); logical interfaces print because they must exist again after a reload.
    /// Only <c>InLoopBack0</c>, which configurations never show, is left out while nothing is configured on it.
    /// </summary>
    private static List<IReadOnlyList<string>> InterfaceBlocks(FirewallConfig config, bool v7)
    {
        var blocks = new List<IReadOnlyList<string>>();
        foreach (var iface in config.Interfaces)
        {
            var block = InterfaceBlock(config, iface, v7);
            if (block.Count > 1 || iface.Kind != InterfaceKind.InLoopBack)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }
    public static List<string> InterfaceBlock(FirewallConfig config, FwInterface iface, bool v7)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(iface);
        var lines = new List<string> { $"interface {iface.Name}" };
        if (iface.Dot1qVid is { } vid)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $" vlan-type dot1q vid {vid}"));
        }

        if (iface.Description is not null)
        {
            lines.Add($" description {iface.Description}");
        }

        if (iface.Speed is not null)
        {
            lines.Add($" speed {iface.Speed}");
        }

        if (iface.Duplex is not null)
        {
            lines.Add($" duplex {iface.Duplex}");
        }

        lines.AddRange(Layer2.Layer2InterfaceLines.BeforeAddresses(config, iface));
        if (iface.PrimaryAddress is { } primary)
        {
            lines.Add($" ip address {primary.AddressText} {primary.MaskText}");
        }

        lines.AddRange(iface.SubAddresses.Select(s => $" ip address {s.AddressText} {s.MaskText} sub"));
        lines.AddRange(NatStaticSection.InterfaceLines(config, iface));
        lines.AddRange(Layer2.Layer2InterfaceLines.AfterAddresses(config, iface));
        if (iface.AdminDown)
        {
            lines.Add(" shutdown");
        }

        if (Layer2.Layer2InterfaceLines.LinkMode(config, iface) is { } linkMode)
        {
            lines.Insert(1, linkMode);
        }

        return lines;
    }
}
