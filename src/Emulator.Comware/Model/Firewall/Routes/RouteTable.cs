using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary>Static routes and the routing table computed from them and from the interfaces.</summary>
public sealed class RouteTable
{
    private readonly FirewallConfig _config;
    private readonly List<StaticRoute> _staticRoutes = [];

    internal RouteTable(FirewallConfig config)
    {
        _config = config;
    }

    private ComwareDialect Dialect => _config.Dialect;

    public IReadOnlyList<StaticRoute> StaticRoutes => _staticRoutes;

    /// <summary>A deleted interface takes the static routes through it.</summary>
    internal void Forget(string interfaceName) => _staticRoutes.RemoveAll(r => r.Interface == interfaceName);

    public FwResult Add(Ipv4Address destination, SubnetMask mask, InterfaceName? interfaceName, Ipv4Address? nextHop, int? preference, string? description)
    {
        var dest = destination.Value;
        var length = mask.PrefixLength;
        if ((dest & ~mask.Bits) != 0)
        {
            return FwResult.Fail(FwErrors.RouteMaskInconsistent);
        }

        string? iface = null;
        if (interfaceName is not null)
        {
            var found = _config.Interfaces.Find(interfaceName.Value);
            if (found is null)
            {
                return FwResult.Fail(FwErrors.InterfaceNotFound);
            }

            iface = found.Name;
        }

        uint? hop = null;
        if (nextHop is { } next)
        {
            var h = next.Value;
            if (!next.IsUsableUnicast)
            {
                return FwResult.Fail(FwErrors.InvalidAddress);
            }

            if (_config.Interfaces.OwnerOf(h) is not null)
            {
                return FwResult.Fail(FwErrors.RouteNextHopLocal);
            }

            hop = h;
        }

        if (iface is null && hop is null)
        {
            return FwResult.Fail("Incomplete command.");
        }

        if (preference is < 1 or > 255)
        {
            return FwResult.Fail("Invalid preference.");
        }

        var route = new StaticRoute(new IpPrefix(dest, length), iface, hop, preference ?? 60, string.IsNullOrEmpty(description) ? null : description);
        var index = _staticRoutes.FindIndex(r => r.SameKey(route));
        if (index >= 0)
        {
            _staticRoutes[index] = route;
        }
        else
        {
            _staticRoutes.Add(route);
            _staticRoutes.Sort((a, b) => a.Destination.Address != b.Destination.Address
                ? a.Destination.Address.CompareTo(b.Destination.Address)
                : a.Destination.Length != b.Destination.Length ? a.Destination.Length.CompareTo(b.Destination.Length) : (a.NextHop ?? 0).CompareTo(b.NextHop ?? 0));
        }

        return FwResult.Success;
    }

    /// <summary><c>undo ip route-static DEST MASK [NEXTHOP]</c>: without a next hop removes every route to DEST.</summary>
    public FwResult Remove(Ipv4Address destination, SubnetMask mask, InterfaceName? interfaceName, Ipv4Address? nextHop)
    {
        var prefix = new IpPrefix(destination, mask);
        var hop = nextHop?.Value;
        var iface = interfaceName is { } named ? _config.Interfaces.Find(named)?.Name : null;
        var removed = _staticRoutes.RemoveAll(r => r.Destination == prefix
            && (nextHop is null || r.NextHop == hop)
            && (interfaceName is null || r.Interface == iface));
        return removed > 0 ? FwResult.Success : FwResult.Fail(FwErrors.RouteNotFound);
    }

    /// <summary>
    /// The active routing table: direct routes of every interface whose protocol is up (network, host /32 via InLoop0,
    /// and, as V7 lists them, the network and broadcast /32 routes), the loopback block, and the static routes whose
    /// output interface is up or whose next hop resolves through a direct route.
    /// </summary>
    public IReadOnlyList<RouteEntry> RoutingTable()
    {
        var table = new List<RouteEntry>();
        var loopback = 0x7F00_0001u;
        var v7 = Dialect == ComwareDialect.V7;
        table.Add(new RouteEntry(new IpPrefix(0x7F00_0000, 8), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
        table.Add(new RouteEntry(new IpPrefix(loopback, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
        if (v7)
        {
            table.Add(new RouteEntry(new IpPrefix(0, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
            table.Add(new RouteEntry(new IpPrefix(0x7F00_0000, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
            table.Add(new RouteEntry(new IpPrefix(0x7FFF_FFFF, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
            table.Add(new RouteEntry(new IpPrefix(0xE000_0000, 4), RouteProtocol.Direct, 0, 0, 0, "NULL0"));
            table.Add(new RouteEntry(new IpPrefix(0xE000_0000, 24), RouteProtocol.Direct, 0, 0, 0, "NULL0"));
            table.Add(new RouteEntry(new IpPrefix(uint.MaxValue, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
        }

        foreach (var iface in _config.Interfaces)
        {
            if (iface.Kind is InterfaceKind.Null or InterfaceKind.InLoopBack || !iface.ProtocolUp(_config.Interfaces.ParentOf(iface)))
            {
                continue;
            }

            foreach (var address in iface.AllAddresses)
            {
                var network = address.AsNetwork();
                if (address.Length < 32)
                {
                    table.Add(new RouteEntry(network, RouteProtocol.Direct, 0, 0, address.Address, iface.Name));
                }

                table.Add(new RouteEntry(new IpPrefix(address.Address, 32), RouteProtocol.Direct, 0, 0, loopback, "InLoopBack0"));
                if (v7 && address.Length < 31)
                {
                    table.Add(new RouteEntry(new IpPrefix(network.Address, 32), RouteProtocol.Direct, 0, 0, address.Address, iface.Name));
                    table.Add(new RouteEntry(new IpPrefix(address.Broadcast, 32), RouteProtocol.Direct, 0, 0, address.Address, iface.Name));
                }
            }
        }

        var direct = table.ToList();
        foreach (var route in _staticRoutes)
        {
            var egress = ResolveStatic(route, direct);
            if (egress is not null)
            {
                table.Add(new RouteEntry(route.Destination, RouteProtocol.Static, route.Preference, 0, route.NextHop ?? 0, egress));
            }
        }

        // Keep only the best preference per destination, as the FIB does; equal-cost routes stay side by side.
        return table
            .GroupBy(r => r.Destination)
            .SelectMany(g => g.Where(r => r.Preference == g.Min(x => x.Preference)))
            .GroupBy(r => (r.Destination, r.NextHop, r.Interface))
            .Select(g => g.First())
            .OrderBy(r => r.Destination.Address).ThenBy(r => r.Destination.Length)
            .ToList();
    }

    /// <summary>Longest-prefix match over the active table.</summary>
    public RouteEntry? Lookup(uint destination) =>
        RoutingTable().Where(r => r.Destination.Contains(destination)).OrderByDescending(r => r.Destination.Length).FirstOrDefault();

    private string? ResolveStatic(StaticRoute route, List<RouteEntry> direct)
    {
        if (route.Interface is not null)
        {
            var iface = _config.Interfaces.Find(route.Interface);
            return iface is not null && (iface.Kind == InterfaceKind.Null || iface.ProtocolUp(_config.Interfaces.ParentOf(iface))) ? iface.Name : null;
        }

        var hop = route.NextHop!.Value;
        var via = direct.Where(r => r.Destination.Contains(hop) && r.Interface != "InLoopBack0" && r.Interface != "NULL0")
            .OrderByDescending(r => r.Destination.Length).FirstOrDefault();
        return via?.Interface;
    }
}
