using System.Globalization;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

/// <summary>
/// Builds the realistic firewall used by Fixtures/firewall-v5.cfg and firewall-v7.cfg through the model API: four
/// networks (management, LAN with two VLAN sub-interfaces, DMZ, WAN), zones, objects, 50 policies, NAT and routes.
/// </summary>
internal static class FixtureBuilder
{
    public static FirewallConfig Build(ComwareDialect dialect)
    {
        var v5 = dialect == ComwareDialect.V5;
        var config = New(dialect);
        string P(int port) => v5 ? $"GigabitEthernet0/{port}" : $"GigabitEthernet1/0/{port}";

        Address(config, P(0), "192.168.0.1", "24", "management");
        Address(config, P(1), "192.168.1.1", "24", "LAN core");
        Address(config, P(1) + ".10", "192.168.10.1", "24", "LAN users");
        Address(config, P(1) + ".20", "192.168.20.1", "24", "LAN voice");
        Address(config, P(2), "203.0.113.2", "30", "WAN uplink");
        Address(config, P(3), "172.16.1.1", "24", "DMZ servers");
        Address(config, "LoopBack0", "10.255.255.1", "32", null);
        Ok(config.Interfaces.SetAddress(config.Interfaces.Find(P(1))!, A("192.168.2.1"), M("24"), sub: true));
        Ok(config.Interfaces.SetDot1qVid(config.Interfaces.Find(P(1) + ".10")!, 10));
        Ok(config.Interfaces.SetDot1qVid(config.Interfaces.Find(P(1) + ".20")!, 20));
        Assert.False(config.Interfaces.SetDot1qVid(config.Interfaces.Find(P(1) + ".20")!, 10).Ok);

        Import(config, "Management", P(0));
        Import(config, "Trust", P(1), P(1) + ".10", P(1) + ".20");
        Import(config, "Untrust", P(2));
        Import(config, "DMZ", P(3));

        AddressObject(config, "LAN", "subnet 192.168.1.0 255.255.255.0", "subnet 192.168.10.0 255.255.255.0", "subnet 192.168.20.0 255.255.255.0");
        AddressObject(config, "DMZ-WEB", "host address 172.16.1.10", "host address 172.16.1.11");
        AddressObject(config, "DMZ-MAIL", "host address 172.16.1.20");
        AddressObject(config, "ADMINS", "range 192.168.0.10 192.168.0.20");
        ServiceObject(config, "WEB", "service tcp destination eq 80", "service tcp destination eq 443");
        ServiceObject(config, "MAIL", "service tcp destination eq 25", "service tcp destination eq 587", "service tcp destination eq 993");

        Ok(config.Acls.GetOrCreate(2000, null, out var basic));
        Ok(AclTable.AddRule(basic!, null, Rule(basic!, true, "source 192.168.1.0 0.0.0.255"), out _));
        Ok(AclTable.AddRule(basic!, null, Rule(basic!, true, "source 192.168.10.0 0.0.0.255"), out _));
        Ok(AclTable.AddRule(basic!, null, Rule(basic!, true, "source 192.168.20.0 0.0.0.255"), out _));
        Ok(config.Acls.GetOrCreate(3000, null, out var advanced));
        Ok(AclTable.SetDescription(advanced!, "DMZ inbound"));
        Ok(AclTable.AddRule(advanced!, null, Rule(advanced!, true, "tcp destination 172.16.1.10 0 destination-port eq 80"), out _));
        Ok(AclTable.AddRule(advanced!, null, Rule(advanced!, true, "tcp destination 172.16.1.10 0 destination-port eq 443"), out _));
        Ok(AclTable.AddRule(advanced!, null, Rule(advanced!, false, "ip logging"), out _));

        var wan = config.Interfaces.Find(P(2))!;
        if (v5)
        {
            Ok(config.Nat.SetGroupRange(1, A("203.0.113.100"), A("203.0.113.110")));
        }
        else
        {
            Ok(config.Nat.GetOrCreateGroup(1, out var group));
            Ok(config.Nat.AddGroupAddress(group!, A("203.0.113.100"), A("203.0.113.110")));
        }

        Ok(config.Nat.AddOutbound(wan, 2000, 1, noPat: false));
        Ok(config.Nat.AddServer(wan, Ports.Tcp, A("203.0.113.2"), 80, A("172.16.1.10"), 80));
        Ok(config.Nat.AddServer(wan, Ports.Tcp, A("203.0.113.2"), 443, A("172.16.1.10"), 443));
        Ok(config.Nat.AddServer(wan, Ports.Tcp, A("203.0.113.2"), 25, A("172.16.1.20"), 25));
        Ok(config.Nat.AddStatic(A("172.16.1.11"), A("203.0.113.111")));
        Ok(config.Nat.SetStaticOnInterface(wan, true));

        Ok(config.Routes.Add(A("0.0.0.0"), M("0"), null, A("203.0.113.1"), null, null));
        Ok(config.Routes.Add(A("10.0.0.0"), M("8"), null, A("192.168.1.254"), null, "to-datacenter"));
        Ok(config.Routes.Add(A("10.50.0.0"), M("16"), null, A("192.168.1.253"), 80, null));
        Ok(config.Routes.Add(A("198.51.100.0"), M("24"), N("NULL0"), null, null, "blackhole"));

        if (v5)
        {
            BuildInterzone(config);
        }
        else
        {
            BuildSecurityPolicy(config);
        }

        return config;
    }

    private static void BuildSecurityPolicy(FirewallConfig config)
    {
        for (var i = 0; i < 50; i++)
        {
            var (from, to, source, destination, service, pass) = PolicySpec(i);
            Ok(config.SecurityPolicy.GetOrCreate(i, Inv($"policy-{i:00}"), out var rule));
            SecurityPolicyTable.SetAction(rule!, pass ? PolicyAction.Pass : PolicyAction.Drop);
            SecurityPolicyTable.SetLogging(rule!, !pass);
            SecurityPolicyTable.SetCounting(rule!, i % 5 == 0);
            Ok(config.SecurityPolicy.AddZone(rule!, from, source: true));
            Ok(config.SecurityPolicy.AddZone(rule!, to, source: false));
            if (source.StartsWith("10.", StringComparison.Ordinal))
            {
                Ok(config.SecurityPolicy.AddInlineAddress(rule!, true, Addr("subnet " + source + " 255.255.255.0")));
            }
            else if (source != "any")
            {
                Ok(config.SecurityPolicy.AddAddressObject(rule!, source, source: true));
            }

            if (destination != "any")
            {
                Ok(config.SecurityPolicy.AddAddressObject(rule!, destination, source: false));
            }

            if (service != "any")
            {
                Ok(config.SecurityPolicy.AddService(rule!, service));
            }
        }
    }

    private static void BuildInterzone(FirewallConfig config)
    {
        for (var i = 0; i < 50; i++)
        {
            var (from, to, source, destination, service, pass) = PolicySpec(i);
            Ok(config.Interzones.GetOrCreate(from, to, out var instance));
            Ok(InterzoneTable.GetOrCreateRule(instance!, null, pass, out var rule));
            InterzoneTable.SetRuleLogging(rule!, !pass);
            if (source.StartsWith("10.", StringComparison.Ordinal))
            {
                var name = "NET-" + source;
                if (config.Objects.FindAddressObject(name) is null)
                {
                    AddressObject(config, name, "subnet " + source + " 255.255.255.0");
                }

                Ok(config.Interzones.AddRuleTerm(rule!, InterzoneTerm.SourceIp, name));
            }
            else if (source != "any")
            {
                Ok(config.Interzones.AddRuleTerm(rule!, InterzoneTerm.SourceIp, source));
            }

            if (destination != "any")
            {
                Ok(config.Interzones.AddRuleTerm(rule!, InterzoneTerm.DestinationIp, destination));
            }

            if (service != "any")
            {
                Ok(config.Interzones.AddRuleTerm(rule!, InterzoneTerm.Service, service));
            }
        }
    }

    /// <summary>A deterministic mix: LAN out to the internet, internet to DMZ services, admin access, branch nets, denies.</summary>
    private static (string From, string To, string Source, string Destination, string Service, bool Pass) PolicySpec(int i) => (i % 10) switch
    {
        0 => ("Trust", "Untrust", "LAN", "any", "WEB", true),
        1 => ("Trust", "Untrust", "LAN", "any", "dns", true),
        2 => ("Untrust", "DMZ", "any", "DMZ-WEB", "WEB", true),
        3 => ("Untrust", "DMZ", "any", "DMZ-MAIL", "MAIL", true),
        4 => ("Management", "Trust", "ADMINS", "any", "ssh", true),
        5 => ("Trust", "DMZ", Inv($"10.{i}.0.0"), "DMZ-WEB", "https", true),
        6 => ("DMZ", "Untrust", "DMZ-MAIL", "any", "smtp", true),
        7 => ("Trust", "DMZ", "LAN", "DMZ-MAIL", "MAIL", true),
        8 => ("Untrust", "Trust", "any", "LAN", "any", false),
        _ => ("DMZ", "Trust", "any", "any", "any", false),
    };

    private static void Address(FirewallConfig config, string name, string address, string mask, string? description)
    {
        var iface = Iface(config, name);
        Ok(config.Interfaces.SetAddress(iface, A(address), M(mask), sub: false));
        Ok(InterfaceTable.SetDescription(iface, description));
    }

    private static void Import(FirewallConfig config, string zone, params string[] interfaces)
    {
        foreach (var name in interfaces)
        {
            Ok(config.Zones.ImportInterface(config.Zones.Find(zone)!, N(name)));
        }
    }

    private static void AddressObject(FirewallConfig config, string name, params string[] members)
    {
        Ok(config.Objects.GetOrCreateAddressObject(name, out var obj));
        foreach (var member in members)
        {
            Ok(config.Objects.AddAddressMember(obj!, null, Addr(member)));
        }
    }

    private static void ServiceObject(FirewallConfig config, string name, params string[] members)
    {
        Ok(config.Objects.GetOrCreateServiceObject(name, out var obj));
        foreach (var member in members)
        {
            Ok(config.Objects.AddServiceMember(obj!, null, Svc(member)));
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
