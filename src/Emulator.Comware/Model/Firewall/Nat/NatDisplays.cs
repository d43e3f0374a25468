using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>
/// <c>display nat all</c> and its parts. V7 layout after the H3C V7 NAT command references ("NAT address group
/// information:", "Totally N ..."); V5 after the MSR V5 style ("There are currently N ..."). Both unverified on SecPath.
/// </summary>
public static class NatDisplays
{
    public static List<string> All(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. AddressGroups(config), "", .. Outbound(config), "", .. Servers(config), "", .. Statics(config)];
    }

    public static List<string> AddressGroups(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var groups = config.Nat.AddressGroups;
        if (config.Dialect == ComwareDialect.V5)
        {
            var lines = new List<string> { "NAT address-group information:", Inv($"  There are currently {groups.Count} nat address-group(s)") };
            lines.AddRange(groups.Where(g => g.Ranges.Count > 0).Select(g =>
                Inv($"    {g.Id,-4}:   from  {Ipv4.Format(g.Ranges[0].Start),-16} to  {Ipv4.Format(g.Ranges[0].End)}")));
            return lines;
        }

        var v7 = new List<string> { "NAT address group information:", Inv($"  Totally {groups.Count} NAT address groups.") };
        foreach (var group in groups)
        {
            v7.Add(Inv($"  Address group ID: {group.Id}"));
            v7.Add("    Port range: 1-65535");
            v7.Add("    Address information:");
            v7.Add("      Start address         End address");
            v7.AddRange(group.Ranges.Select(r => $"      {Ipv4.Format(r.Start),-21} {Ipv4.Format(r.End)}"));
        }

        return v7;
    }

    public static List<string> Outbound(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = config.Nat.Outbounds;
        if (config.Dialect == ComwareDialect.V5)
        {
            var lines = new List<string> { "NAT outbound information:", Inv($"  There are currently {rules.Count} nat outbound rule(s)") };
            foreach (var rule in rules)
            {
                var acl = rule.Acl is { } a ? Inv($"acl({a})") : "acl(---)";
                var pool = rule.AddressGroup is { } g ? Inv($"NAT address-group({g})") : "NAT address-group(---)";
                lines.Add($"  {rule.Interface}: {acl} --- {pool}{(rule.NoPat ? " no-pat" : "")}");
            }

            return lines;
        }

        var v7 = new List<string> { "NAT outbound information:", Inv($"  Totally {rules.Count} NAT outbound rules.") };
        foreach (var rule in rules)
        {
            v7.Add($"  Interface: {rule.Interface}");
            v7.Add($"    ACL: {(rule.Acl is { } a ? a.ToString(CultureInfo.InvariantCulture) : "---")}");
            v7.Add($"    Address group ID: {(rule.AddressGroup is { } g ? g.ToString(CultureInfo.InvariantCulture) : "---")}");
            v7.Add($"    Port-preserved: N    NO-PAT: {(rule.NoPat ? "Y" : "N")}         Reversible: N");
            v7.Add("    Config status: Active");
        }

        return v7;
    }

    public static List<string> Servers(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var servers = config.Nat.Servers;
        if (config.Dialect == ComwareDialect.V5)
        {
            var lines = new List<string> { "NAT server in private network information:", Inv($"  There are currently {servers.Count} internal server(s)") };
            foreach (var s in servers)
            {
                lines.Add(Inv($"  Interface: {s.Interface}, Protocol: {s.Protocol}({Ports.ProtocolName(s.Protocol)}),"));
                lines.Add(Inv($"   [global]  {Ipv4.Format(s.Global),15}: {Port(s, s.GlobalPort)}    [internal]  {Ipv4.Format(s.Inside),15}: {Port(s, s.InsidePort)}"));
            }

            return lines;
        }

        var v7 = new List<string> { "NAT internal server information:", Inv($"  Totally {servers.Count} internal servers.") };
        foreach (var s in servers)
        {
            v7.Add($"  Interface: {s.Interface}");
            v7.Add(Inv($"    Protocol: {s.Protocol}({Ports.ProtocolName(s.Protocol).ToUpperInvariant()})"));
            v7.Add(Inv($"    Global IP/port: {Ipv4.Format(s.Global)}/{(s.GlobalPort is { } gp ? gp.ToString(CultureInfo.InvariantCulture) : "---")}"));
            v7.Add(Inv($"    Local IP/port : {Ipv4.Format(s.Inside)}/{(s.InsidePort is { } ip ? ip.ToString(CultureInfo.InvariantCulture) : "---")}"));
            v7.Add("    Config status : Active");
        }

        return v7;
    }

    public static List<string> Statics(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var statics = config.Nat.Statics;
        var lines = config.Dialect == ComwareDialect.V5
            ? new List<string> { "NAT static information:", Inv($"  There are currently {statics.Count} NAT static configuration(s)") }
            : new List<string> { "Static NAT mappings:", Inv($"  Totally {statics.Count} outbound static NAT mappings.") };
        foreach (var s in statics)
        {
            lines.Add($"  Local IP: {Ipv4.Format(s.Local)}    Global IP: {Ipv4.Format(s.Global)}");
        }

        lines.Add("  Interfaces enabled with static NAT:");
        lines.AddRange(config.Nat.StaticInterfaces.Select(i => "    " + i));
        return lines;
    }

    private static string Port(NatServer server, int? port) =>
        port is { } p ? Inv($"{p,5}({Ports.PortName(server.Protocol, p)})") : "  ---";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
