using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary>
/// Simulated <c>ping</c> and <c>tracert</c> from the device: a destination answers when it is one of the device's
/// own addresses, or when the routing table has an active route to it (the emulated network beyond the device is
/// assumed to be there). Echo requests and replies move the egress interface's counters. Output layouts follow
/// Comware V5 (MSR-style) and V7 (unverified details).
/// </summary>
public static class Reachability
{
    private const int IpIcmpHeaderBytes = 28;

    public static List<string> Ping(FirewallConfig config, uint destination, int count = 5, int size = 56)
    {
        ArgumentNullException.ThrowIfNull(config);
        var target = Ipv4.Format(destination);
        var local = config.Interfaces.OwnerOf(destination);
        var route = local is null ? config.Routes.Lookup(destination) : null;
        var egress = local ?? (route is null || route.Interface == "NULL0" ? null : config.Interfaces.Find(route.Interface));
        var reachable = local is not null || egress is not null;
        var ttl = local is not null || route is not { Protocol: RouteProtocol.Static } ? 255 : 254;
        var v7 = config.Dialect == ComwareDialect.V7;
        var lines = new List<string>
        {
            v7 ? Inv($"Ping {target} ({target}): {size} data bytes, press CTRL_C to break") : Inv($"  PING {target}: {size}  data bytes, press CTRL_C to break"),
        };
        var received = 0;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            if (egress is not null && local is null)
            {
                egress.Counters.CountOutput(size + IpIcmpHeaderBytes);
            }

            if (reachable)
            {
                if (egress is not null && local is null)
                {
                    egress.Counters.CountInput(size + IpIcmpHeaderBytes);
                }

                received++;
                lines.Add(v7
                    ? Inv($"{size} bytes from {target}: icmp_seq={sequence - 1} ttl={ttl} time=1.000 ms")
                    : Inv($"    Reply from {target}: bytes={size} Sequence={sequence} ttl={ttl} time=1 ms"));
            }
            else
            {
                lines.Add(v7 ? "Request time out" : "    Request time out");
            }
        }

        var loss = count == 0 ? 0 : 100.0 * (count - received) / count;
        if (v7)
        {
            lines.Add("");
            lines.Add($"--- Ping statistics for {target} ---");
            lines.Add(Inv($"{count} packet(s) transmitted, {received} packet(s) received, {loss:0.0}% packet loss"));
            if (received > 0)
            {
                lines.Add("round-trip min/avg/max/std-dev = 1.000/1.000/1.000/0.000 ms");
            }
        }
        else
        {
            lines.Add("");
            lines.Add($"  --- {target} ping statistics ---");
            lines.Add(Inv($"    {count} packet(s) transmitted"));
            lines.Add(Inv($"    {received} packet(s) received"));
            lines.Add(Inv($"    {loss:0.00}% packet loss"));
            if (received > 0)
            {
                lines.Add("    round-trip min/avg/max = 1/1/1 ms");
            }
        }

        lines.Add("");
        return lines;
    }

    /// <summary>Hops: the static route's next hop (when it is not the destination), then the destination.</summary>
    public static List<string> Tracert(FirewallConfig config, uint destination, int maxHops = 30)
    {
        ArgumentNullException.ThrowIfNull(config);
        var target = Ipv4.Format(destination);
        var v7 = config.Dialect == ComwareDialect.V7;
        var lines = new List<string>
        {
            v7 ? Inv($"traceroute to {target} ({target}), {maxHops} hops at most, 40 bytes each packet, press CTRL_C to break")
               : Inv($" traceroute to  {target}({target}) {maxHops} hops max,40 bytes packet, press CTRL_C to break"),
        };
        var hops = new List<uint>();
        var route = config.Interfaces.OwnerOf(destination) is null ? config.Routes.Lookup(destination) : null;
        var reachable = config.Interfaces.OwnerOf(destination) is not null || (route is not null && route.Interface != "NULL0");
        if (route is { Protocol: RouteProtocol.Static, NextHop: not 0 } && route.NextHop != destination)
        {
            hops.Add(route.NextHop);
        }

        if (reachable)
        {
            hops.Add(destination);
        }

        var egress = route is null ? null : config.Interfaces.Find(route.Interface);
        for (var i = 0; i < hops.Count; i++)
        {
            var hop = Ipv4.Format(hops[i]);
            for (var probe = 0; probe < 3; probe++)
            {
                egress?.Counters.CountOutput(40);
                egress?.Counters.CountInput(56);
            }

            lines.Add(v7 ? Inv($" {i + 1}  {hop} ({hop})  1.000 ms  1.000 ms  1.000 ms") : Inv($" {i + 1}  {hop} 1 ms  1 ms  1 ms"));
        }

        if (!reachable)
        {
            for (var i = 1; i <= Math.Min(maxHops, 3); i++)
            {
                lines.Add(v7 ? Inv($" {i}  * * *") : Inv($" {i}  *  *  *"));
            }
        }

        return lines;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
