using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>Static NAT mappings: one block of global lines (V5 <c>nat static</c>, V7 <c>nat static outbound</c>); no view. The per-interface NAT lines are written inside the interface blocks by <see cref="InterfaceLines"/>.</summary>
public sealed class NatStaticSection : FirewallSection
{
    public static NatStaticSection Instance { get; } = new();

    public override int Order => ConfigOrder.Nat;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return NatStaticBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        null;

    /// <summary>NAT lines inside <c>interface NAME</c>: outbound NAT, the static NAT switch, internal servers.</summary>
    public static IEnumerable<string> InterfaceLines(FirewallConfig config, FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(iface);
        var lines = new List<string>();
        foreach (var nat in config.Nat.Outbounds.Where(n => n.Interface == iface.Name))
        {
            lines.Add(" " + RenderNatOutbound(nat));
        }

        if (config.Nat.StaticInterfaces.Contains(iface.Name))
        {
            lines.Add(config.Dialect == ComwareDialect.V7 ? " nat static enable" : " nat outbound static");
        }

        lines.AddRange(config.Nat.Servers.Where(s => s.Interface == iface.Name).Select(s => " " + RenderNatServer(s)));
        return lines;
    }
    private static List<IReadOnlyList<string>> NatStaticBlocks(FirewallConfig config, bool v7)
    {
        if (config.Nat.Statics.Count == 0)
        {
            return [];
        }

        var keyword = v7 ? "nat static outbound" : "nat static";
        return [config.Nat.Statics.Select(s => $" {keyword} {Ipv4.Format(s.Local)} {Ipv4.Format(s.Global)}").ToList()];
    }
    public static string RenderNatOutbound(NatOutbound nat)
    {
        ArgumentNullException.ThrowIfNull(nat);
        var text = "nat outbound";
        if (nat.Acl is { } acl)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {acl}");
        }

        if (nat.AddressGroup is { } group)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" address-group {group}");
        }

        return nat.NoPat ? text + " no-pat" : text;
    }
    public static string RenderNatServer(NatServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var protocol = Ports.ProtocolName(server.Protocol);
        var global = Ipv4.Format(server.Global) + (server.GlobalPort is { } gp ? " " + Ports.PortName(server.Protocol, gp) : "");
        var inside = Ipv4.Format(server.Inside) + (server.InsidePort is { } ip ? " " + Ports.PortName(server.Protocol, ip) : "");
        return $"nat server protocol {protocol} global {global} inside {inside}";
    }
}
