using System.Globalization;
using Emulator.Comware;
using Emulator.Comware.Model.Layer2;
using Emulator.Comware.Model.Values;
using Emulator.Device.Yaml;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Fleet;

/// <summary>
/// The neighbour parts of a fleet file (issue 13): the top-level <c>links:</c> list
/// (<c>- [fw1:GigabitEthernet1/0/1, fw2:GigabitEthernet1/0/1]</c>), a device entry's static <c>neighbors:</c> and its
/// <c>ha-role:</c> prompt prefix. Devices are cold (booted on first connection), so what each side learns of the other
/// comes from the peer's spec alone, never from running it: its factory sysname (fleet <c>sysname:</c> or the profile's;
/// a sysname changed and saved later is not seen), its bridge MAC (LLDP chassis ID), the port's MAC and the IPv4
/// addresses its factory configuration gives that port; a peer port shut down at run time still shows as a neighbour.
/// </summary>
internal static class FleetLinks
{
    /// <summary>Reads <c>links:</c> and returns the specs with each linked side's neighbours added.</summary>
    public static List<DeviceSpec> Apply(MapReader top, List<DeviceSpec> specs)
    {
        var node = top.Raw("links");
        if (node is null)
        {
            return specs;
        }

        if (node is not YamlSequenceNode links)
        {
            top.Error(node, "'links' must be a list of [device:interface, device:interface] pairs");
            return specs;
        }

        var byName = specs.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var facts = new Dictionary<string, DeviceFacts>(StringComparer.OrdinalIgnoreCase);
        var used = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var added = new Dictionary<string, List<NeighborFacts>>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in links.Children)
        {
            if (link is not YamlSequenceNode { Children.Count: 2 } pair)
            {
                top.Error(link, "each link must be a pair [device:interface, device:interface]");
                continue;
            }

            var ends = pair.Children.Select(end => End(top, end, byName, facts)).ToList();
            if (ends[0] is not { } a || ends[1] is not { } b)
            {
                continue;
            }

            if (string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase))
            {
                top.Error(link, $"a link must join two different ports, found {a.Key} twice");
                continue;
            }

            var clash = false;
            foreach (var (end, endNode) in new[] { (a, pair.Children[0]), (b, pair.Children[1]) })
            {
                if (!used.TryAdd(end.Key, endNode))
                {
                    top.Error(endNode, $"port {end.Key} is already linked (line {used[end.Key].Start.Line})");
                    clash = true;
                }
            }

            if (clash)
            {
                continue;
            }

            Add(added, a.Spec.Name, Neighbor(a.Port, b.Facts, b.Port));
            Add(added, b.Spec.Name, Neighbor(b.Port, a.Facts, a.Port));
        }

        return [.. specs.Select(s => added.TryGetValue(s.Name, out var list) ? s with { Neighbors = [.. s.Neighbors, .. list] } : s)];
    }

    private static void Add(Dictionary<string, List<NeighborFacts>> added, string device, NeighborFacts neighbor)
    {
        if (!added.TryGetValue(device, out var list))
        {
            added[device] = list = [];
        }

        list.Add(neighbor);
    }

    private sealed record LinkEnd(DeviceSpec Spec, DeviceFacts Facts, string Port)
    {
        public string Key => Spec.Name + ":" + Port;
    }

    /// <summary>One <c>device:interface</c>: the device must be in the fleet and have that port.</summary>
    private static LinkEnd? End(MapReader top, YamlNode node, Dictionary<string, DeviceSpec> byName, Dictionary<string, DeviceFacts> facts)
    {
        var text = (node as YamlScalarNode)?.Value ?? "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            top.Error(node, $"a link end must be device:interface (e.g. fw1:GigabitEthernet1/0/1), found '{text}'");
            return null;
        }

        var deviceName = text[..colon];
        if (!byName.TryGetValue(deviceName, out var spec))
        {
            top.Error(node, $"link end '{text}': no device named '{deviceName}' in the fleet");
            return null;
        }

        if (!facts.TryGetValue(spec.Name, out var deviceFacts))
        {
            facts[spec.Name] = deviceFacts = spec.Profile.CreateFacts(spec.Name, spec.Sysname, spec.Users);
        }

        var port = PortOf(deviceFacts, text[(colon + 1)..]);
        if (port is null)
        {
            top.Error(node, $"link end '{text}': device '{spec.Name}' ({spec.Profile.Name}) has no port '{text[(colon + 1)..]}'; its ports: {string.Join(", ", deviceFacts.Interfaces.Select(i => i.Name))}");
            return null;
        }

        return new LinkEnd(spec, deviceFacts, port);
    }

    /// <summary>The full name of one of the device's ports, from any accepted spelling (<c>GE1/0/1</c>, <c>gig1/0/1</c>); null if it has none.</summary>
    private static string? PortOf(DeviceFacts facts, string text) =>
        InterfaceNames.TryParse(text, out var name)
            ? facts.Interfaces.FirstOrDefault(i => string.Equals(i.Name, name.FullName, StringComparison.OrdinalIgnoreCase))?.Name
            : null;

    /// <summary>What <paramref name="localPort"/>'s side learns of the peer's <paramref name="peerPort"/>.</summary>
    private static NeighborFacts Neighbor(string localPort, DeviceFacts peer, string peerPort) =>
        new(localPort, peer.DefaultSysname, peerPort, peer.Hardware.BaseMacAddress.ToLowerInvariant(),
            peer.Interfaces.First(i => i.Name == peerPort).MacAddress?.ToLowerInvariant(), FactoryAddresses(peer.DefaultConfiguration, peerPort))
        {
            SystemDescription = string.Create(CultureInfo.InvariantCulture, $"H3C Comware Platform Software, Software Version {peer.SoftwareVersion}, {peer.Release}, {peer.Model}"),
        };

    /// <summary>The <c>ip address</c> lines of <paramref name="port"/>'s block in a configuration text, as dotted addresses.</summary>
    internal static List<string> FactoryAddresses(string configuration, string port)
    {
        var addresses = new List<string>();
        var inBlock = false;
        foreach (var raw in configuration.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith(' '))
            {
                inBlock = line.StartsWith("interface ", StringComparison.Ordinal)
                    && InterfaceNames.TryParse(line["interface ".Length..].Trim(), out var name)
                    && string.Equals(name.FullName, port, StringComparison.OrdinalIgnoreCase);
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (inBlock && words is ["ip", "address", var address, ..] && Ipv4Address.TryParse(address, out _))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    /// <summary>A device entry's static <c>neighbors:</c> (interface, system-name, port, chassis-id, optional mac and ip).</summary>
    public static List<NeighborFacts>? ReadNeighbors(MapReader entry, DeviceFacts? facts) =>
        entry.Has("neighbors")
            ? entry.MapList("neighbors", false, "neighbor (interface, system-name, port, chassis-id, mac, ip)", n => ReadNeighbor(n, facts))?.ToList()
            : null;

    private static NeighborFacts? ReadNeighbor(MapReader map, DeviceFacts? facts)
    {
        var local = map.String("interface", true, "our port, e.g. GigabitEthernet1/0/1");
        var system = map.String("system-name", true, "the neighbour's sysname");
        var port = map.String("port", true, "the neighbour's interface name");
        var chassis = map.String("chassis-id", true, "the neighbour's bridge MAC, e.g. 00e0-fc00-0001");
        var mac = map.String("mac", false, "the MAC of the neighbour's port");
        var ips = map.StringList("ip", false, "IPv4 addresses of the neighbour's port");
        if (local is null || system is null || port is null || chassis is null)
        {
            return null;
        }

        var ok = true;
        var localPort = facts is null ? local : PortOf(facts, local);
        if (localPort is null)
        {
            map.Error(map.Raw("interface")!, $"no port '{local}' on this device; its ports: {string.Join(", ", facts!.Interfaces.Select(i => i.Name))}");
            ok = false;
        }

        foreach (var (key, value) in new[] { ("chassis-id", chassis), ("mac", mac) })
        {
            if (value is not null && !Macs.TryNormalize(value, out _))
            {
                map.Error(map.Raw(key)!, $"'{key}' must be a MAC address H-H-H (e.g. 00e0-fc00-0001), found '{value}'");
                ok = false;
            }
        }

        foreach (var (ip, node) in ips ?? [])
        {
            if (!Ipv4Address.TryParse(ip, out _))
            {
                map.Error(node, $"'ip' must hold IPv4 addresses, found '{ip}'");
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        Macs.TryNormalize(chassis, out var chassisId);
        string? portMac = null;
        if (mac is not null)
        {
            Macs.TryNormalize(mac, out var normalized);
            portMac = normalized;
        }

        return new NeighborFacts(localPort!, system, port, chassisId, portMac, ips?.Select(i => i.Value).ToList());
    }

    /// <summary><c>ha-role: RBM_P|RBM_S</c>: the prompt prefix of a SecPath in an RBM pair, as a fault of kind <c>ha-role</c> active from the start.</summary>
    public static Faults.FaultSpec? ReadHaRole(MapReader entry)
    {
        var role = entry.String("ha-role", false, "RBM_P or RBM_S");
        if (role is null)
        {
            return null;
        }

        var spec = Faults.FaultSpec.TryParse(new Dictionary<string, string> { ["kind"] = "ha-role", ["role"] = role }, out var error);
        if (spec is null)
        {
            entry.Error(entry.Raw("ha-role")!, "'ha-role': " + error);
        }

        return spec;
    }
}
