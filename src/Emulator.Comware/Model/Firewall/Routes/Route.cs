using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary><c>ip route-static DEST MASK|LEN [INTERFACE] [NEXTHOP] [preference N] [description TEXT]</c>.</summary>
public sealed record StaticRoute(IpPrefix Destination, string? Interface, uint? NextHop, int Preference, string? Description)
{
    public bool SameKey(StaticRoute other) =>
        other is not null && Destination == other.Destination && Interface == other.Interface && NextHop == other.NextHop;
}

public enum RouteProtocol
{
    Direct,
    Static,
}

/// <summary>One row of <c>display ip routing-table</c>.</summary>
public sealed record RouteEntry(IpPrefix Destination, RouteProtocol Protocol, int Preference, int Cost, uint NextHop, string Interface);
