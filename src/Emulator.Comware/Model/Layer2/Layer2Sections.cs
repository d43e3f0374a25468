using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Layer2;

/// <summary>
/// The global LLDP switch: written only when turned off (<c>undo lldp global enable</c> on V7, <c>undo lldp enable</c>
/// in system view on V5), since LLDP is on by default.
/// </summary>
public sealed class LldpGlobalSection : FirewallSection
{
    public static LldpGlobalSection Instance { get; } = new();

    public override int Order => ConfigOrder.Global + 10;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Layer2.LldpEnabled ? [] : [[config.Dialect == ComwareDialect.V7 ? " undo lldp global enable" : " undo lldp enable"]];
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) => null;
}

/// <summary><c>ip vpn-instance NAME</c> blocks (before the interfaces that bind to them).</summary>
public sealed class VpnInstanceSection : FirewallSection
{
    public static VpnInstanceSection Instance { get; } = new();

    public override int Order => ConfigOrder.Global + 20;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Layer2.VpnInstances.Select(Block).ToList();
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is VpnInstance vpn ? Block(vpn) : null;

    private static List<string> Block(VpnInstance vpn)
    {
        var lines = new List<string> { "ip vpn-instance " + vpn.Name };
        if (vpn.RouteDistinguisher is { } rd)
        {
            lines.Add(" route-distinguisher " + rd);
        }

        if (vpn.Description is { } text)
        {
            lines.Add(" description " + text);
        }

        return lines;
    }
}

/// <summary>
/// <c>vlan N</c> blocks before the interfaces. VLAN 1 always exists and is written only when it has a name or
/// description: a routed SecPath's configuration stays as it was before VLANs were modelled (Comware 7 switches print a
/// bare <c>vlan 1</c> block too; left out here, unverified on a SecPath).
/// </summary>
public sealed class VlanSection : FirewallSection
{
    public static VlanSection Instance { get; } = new();

    public override int Order => ConfigOrder.Interface - 20;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Layer2.Vlans.Where(v => v.Id != 1 || v.Name is not null || v.Description is not null).Select(Block).ToList();
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is Vlan vlan ? Block(vlan) : null;

    private static List<string> Block(Vlan vlan)
    {
        var lines = new List<string> { "vlan " + vlan.Id.ToString(CultureInfo.InvariantCulture) };
        if (vlan.Name is { } name)
        {
            lines.Add(" name " + name);
        }

        if (vlan.Description is { } text)
        {
            lines.Add(" description " + text);
        }

        return lines;
    }
}

/// <summary>The <c>arp static</c> lines, after the interfaces and VLANs they name.</summary>
public sealed class ArpStaticSection : FirewallSection
{
    public static ArpStaticSection Instance { get; } = new();

    public override int Order => ConfigOrder.StaticRoute + 10;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = config.Layer2.StaticArps.Select(e => $" arp static {Ipv4.Format(e.Address)} {e.Mac}" +
            (e.Vlan is { } v && e.Interface is { } i ? string.Create(CultureInfo.InvariantCulture, $" {v} {i}") : "")).ToList();
        return lines.Count == 0 ? [] : [lines];
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) => null;
}

/// <summary>The layer-2 lines inside an <c>interface</c> block (written by the firewall's interface section).</summary>
public static class Layer2InterfaceLines
{
    /// <summary>The link-mode line of an Ethernet port: <c>bridge</c> when bridged; <c>route</c> on V7 (which always shows it).</summary>
    public static string? LinkMode(FirewallConfig config, FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.Ethernet)
        {
            return null;
        }

        return config.Layer2.IsBridged(iface) ? " port link-mode bridge" : config.Dialect == ComwareDialect.V7 ? " port link-mode route" : null;
    }

    /// <summary>Lines that must replay before the addresses: the VPN binding.</summary>
    public static IEnumerable<string> BeforeAddresses(FirewallConfig config, FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(iface);
        var port = config.Layer2.SettingsOf(iface);
        return port.VpnInstance is { } vpn ? [" ip binding vpn-instance " + vpn] : [];
    }

    /// <summary>Link type, VLANs, LLDP and aggregation group, in the order Comware 7 configurations show them.</summary>
    public static IEnumerable<string> AfterAddresses(FirewallConfig config, FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(iface);
        var port = config.Layer2.SettingsOf(iface);
        var lines = new List<string>();
        if (config.Layer2.IsBridged(iface))
        {
            switch (port.LinkType)
            {
                case PortLinkType.Access when port.AccessVlan != 1:
                    lines.Add(" port access vlan " + port.AccessVlan.ToString(CultureInfo.InvariantCulture));
                    break;
                case PortLinkType.Trunk:
                    lines.Add(" port link-type trunk");
                    if (!port.TrunkPermitted.Contains(1))
                    {
                        lines.Add(" undo port trunk permit vlan 1");
                    }

                    if (port.TrunkPermitted.Count > 0 && !(port.TrunkPermitted.Count == 1 && port.TrunkPermitted.Contains(1)))
                    {
                        lines.Add(" port trunk permit vlan " + VlanList.Format(port.TrunkPermitted));
                    }

                    break;
                case PortLinkType.Hybrid:
                    lines.Add(" port link-type hybrid");
                    break;
            }
        }

        if (port.LldpDisabled)
        {
            lines.Add(" undo lldp enable");
        }

        if (port.AggregationGroup is { } group)
        {
            lines.Add(" port link-aggregation group " + group.ToString(CultureInfo.InvariantCulture));
        }

        return lines;
    }
}
