using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall;

/// <summary>A named part of <c>display current-configuration</c>: blocks separated by <c>#</c> lines on output.</summary>
public sealed record ConfigSection(string Name, IReadOnlyList<IReadOnlyList<string>> Blocks);

/// <summary>
/// Canonical configuration text of the firewall model per dialect: section headers at column 0, their contents
/// indented one space, nested views two; global commands one space (comware-cli.md §6.10). Replaying these lines in
/// system view rebuilds an identical model; that is the round-trip property the tests check.
/// </summary>
public static class FirewallRenderer
{
    /// <summary>Section names in the device's order: NAT pools, objects, ACLs, interfaces, zones, policies, routes.</summary>
    public static IReadOnlyList<string> SectionNames { get; } =
        ["nat-address-group", "object", "acl", "interface", "zone", "policy", "nat-static", "route-static"];

    /// <summary>Every section in the device's order.</summary>
    public static IReadOnlyList<ConfigSection> Render(FirewallConfig config) =>
        [.. SectionNames.Select(name => new ConfigSection(name, RenderSection(config, name)))];

    /// <summary>The blocks of one section; each display renders only what it prints.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> RenderSection(FirewallConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        return name switch
        {
            "nat-address-group" => NatGroupBlocks(config, v7),
            "object" => ObjectBlocks(config, v7),
            "acl" => config.Acls.Select(a => (IReadOnlyList<string>)AclBlock(a, v7)).ToList(),
            "interface" => InterfaceBlocks(config, v7),
            "zone" => ZoneBlocks(config, v7),
            "policy" => PolicyBlocks(config, v7),
            "nat-static" => NatStaticBlocks(config, v7),
            "route-static" => RouteBlocks(config, v7),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown firewall configuration section"),
        };
    }

    /// <summary>All sections flattened as <c>display current-configuration</c> prints them (each block preceded by <c>#</c>).</summary>
    public static IReadOnlyList<string> RenderLines(FirewallConfig config)
    {
        var lines = new List<string>();
        foreach (var block in Render(config).SelectMany(s => s.Blocks))
        {
            lines.Add("#");
            lines.AddRange(block);
        }

        return lines;
    }

    /// <summary>
    /// Physical ports and the system interfaces are printed only when configured, so a factory configuration stays
    /// short (the exact default listing of a SecPath is unverified); logical interfaces always print, as they must
    /// exist again after a reload.
    /// </summary>
    private static List<IReadOnlyList<string>> InterfaceBlocks(FirewallConfig config, bool v7)
    {
        var blocks = new List<IReadOnlyList<string>>();
        foreach (var iface in config.Interfaces)
        {
            var block = InterfaceBlock(config, iface, v7);
            if (block.Count > 1 || !iface.IsPermanent)
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

        if (iface.PrimaryAddress is { } primary)
        {
            lines.Add($" ip address {primary.AddressText} {primary.MaskText}");
        }

        lines.AddRange(iface.SubAddresses.Select(s => $" ip address {s.AddressText} {s.MaskText} sub"));
        foreach (var nat in config.NatOutbounds.Where(n => n.Interface == iface.Name))
        {
            lines.Add(" " + RenderNatOutbound(nat));
        }

        if (config.NatStaticInterfaces.Contains(iface.Name))
        {
            lines.Add(v7 ? " nat static enable" : " nat outbound static");
        }

        lines.AddRange(config.NatServers.Where(s => s.Interface == iface.Name).Select(s => " " + RenderNatServer(s)));
        if (iface.AdminDown)
        {
            lines.Add(" shutdown");
        }

        if (v7 && iface.Kind == InterfaceKind.Ethernet && lines.Count > 1)
        {
            lines.Insert(1, " port link-mode route");
        }

        return lines;
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

    public static List<string> AclBlock(Acl acl, bool v7)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var header = v7
            ? string.Create(CultureInfo.InvariantCulture, $"acl {(acl.Kind == AclKind.Basic ? "basic" : "advanced")} {acl.Number}")
            : string.Create(CultureInfo.InvariantCulture, $"acl number {acl.Number}");
        var lines = new List<string> { header };
        if (acl.Description is not null)
        {
            lines.Add($" description {acl.Description}");
        }

        if (acl.Step != 5)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $" step {acl.Step}"));
        }

        lines.AddRange(acl.Rules.Select(r => " " + r.Render(acl.Kind)));
        return lines;
    }

    private static List<IReadOnlyList<string>> NatGroupBlocks(FirewallConfig config, bool v7)
    {
        var groups = config.NatAddressGroups.Where(g => g.Ranges.Count > 0 || v7).ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        if (!v7)
        {
            // V5: one global line per group, one block for all (comware-cli.md §8.5).
            return [groups.Select(g => string.Create(CultureInfo.InvariantCulture,
                $" nat address-group {g.Id} {Ipv4.Format(g.Ranges[0].Start)} {Ipv4.Format(g.Ranges[0].End)}")).ToList()];
        }

        return groups.Select(g => (IReadOnlyList<string>)NatGroupBlock(g)).ToList();
    }

    private static List<IReadOnlyList<string>> NatStaticBlocks(FirewallConfig config, bool v7)
    {
        if (config.NatStatics.Count == 0)
        {
            return [];
        }

        var keyword = v7 ? "nat static outbound" : "nat static";
        return [config.NatStatics.Select(s => $" {keyword} {Ipv4.Format(s.Local)} {Ipv4.Format(s.Global)}").ToList()];
    }

    private static List<IReadOnlyList<string>> ObjectBlocks(FirewallConfig config, bool v7)
    {
        var blocks = new List<IReadOnlyList<string>>();
        blocks.AddRange(DependenciesFirst(config.AddressObjects.ToList(), o => o.Members.Select(m => m.Group), o => o.Name).Select(o => ObjectBlock(config, o)));
        blocks.AddRange(DependenciesFirst(config.ServiceObjects.ToList(), o => o.Members.Select(m => m.Group), o => o.Name).Select(o => ObjectBlock(config, o)));
        return blocks;
    }

    /// <summary>One address or service object with its members (<c>display this</c> in the object view too).</summary>
    public static List<string> ObjectBlock(FirewallConfig config, object obj)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        var (header, description, members) = obj switch
        {
            AddressObject a => (v7 ? $"object-group ip address {a.Name}" : $"object address {a.Name}", a.Description, a.Members.Select(m => m.Render(config.Dialect))),
            ServiceObject s => (v7 ? $"object-group service {s.Name}" : $"object service {s.Name}", s.Description, s.Members.Select(m => m.Render(config.Dialect))),
            _ => throw new ArgumentException("Not an object.", nameof(obj)),
        };
        var lines = new List<string> { header };
        if (description is not null)
        {
            lines.Add($" description {description}");
        }

        lines.AddRange(members.Select(m => " " + m));
        return lines;
    }

    /// <summary>A V7 NAT address group view (V5 groups are one global line each).</summary>
    public static List<string> NatGroupBlock(NatAddressGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return [string.Create(CultureInfo.InvariantCulture, $"nat address-group {group.Id}"), .. group.Ranges.Select(r => $" address {Ipv4.Format(r.Start)} {Ipv4.Format(r.End)}")];
    }

    /// <summary>Objects a group references are printed before the group, so that a replay finds them (then by name).</summary>
    private static List<T> DependenciesFirst<T>(List<T> items, Func<T, IEnumerable<string?>> references, Func<T, string> name)
    {
        var byName = items.ToDictionary(name, StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<T>();
        void Visit(T item, int depth)
        {
            if (depth > 16 || !done.Add(name(item)))
            {
                return;
            }

            foreach (var reference in references(item))
            {
                if (reference is not null && byName.TryGetValue(reference, out var dependency))
                {
                    Visit(dependency, depth + 1);
                }
            }

            ordered.Add(item);
        }

        foreach (var item in items)
        {
            Visit(item, 0);
        }

        return ordered;
    }

    private static List<IReadOnlyList<string>> ZoneBlocks(FirewallConfig config, bool v7)
    {
        if (v7)
        {
            return config.Zones.Where(z => !z.IsDefault || z.Interfaces.Count > 0).Select(z => (IReadOnlyList<string>)ZoneLines(z, v7)).ToList();
        }

        // V5 (comware-cli.md §8.2, unverified): all zones in one block, no '#' between them.
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

    private static List<IReadOnlyList<string>> PolicyBlocks(FirewallConfig config, bool v7)
    {
        if (v7)
        {
            return config.PolicyRules.Count == 0 ? [] : [PolicyRenderer.SecurityPolicyBlock(config)];
        }

        return config.Interzones.Where(i => !i.IsEmpty).Select(i => (IReadOnlyList<string>)PolicyRenderer.InterzoneBlock(i)).ToList();
    }

    private static List<IReadOnlyList<string>> RouteBlocks(FirewallConfig config, bool v7) =>
        config.StaticRoutes.Count == 0 ? [] : [config.StaticRoutes.Select(r => " " + RenderRoute(r, v7)).ToList()];

    public static string RenderRoute(StaticRoute route, bool v7)
    {
        ArgumentNullException.ThrowIfNull(route);
        var mask = v7 ? route.Destination.Length.ToString(CultureInfo.InvariantCulture) : route.Destination.MaskText;
        var text = $"ip route-static {route.Destination.AddressText} {mask}";
        if (route.Interface is not null)
        {
            text += " " + route.Interface;
        }

        if (route.NextHop is { } hop)
        {
            text += " " + Ipv4.Format(hop);
        }

        if (route.Preference != 60)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" preference {route.Preference}");
        }

        return route.Description is null ? text : text + " description " + route.Description;
    }
}
