using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

public class PolicyModelTests
{
    [Fact]
    public void V5_default_zones_have_ids_and_priorities_V7_none()
    {
        var v5 = NewV5();
        Assert.Equal(["Management:0:100", "Local:1:100", "Trust:2:85", "DMZ:3:50", "Untrust:4:5"],
            v5.Zones.Select(z => $"{z.Name}:{z.Id}:{z.Priority}"));
        var v7 = NewV7();
        Assert.Equal(["Local", "Trust", "DMZ", "Untrust", "Management"], v7.Zones.Select(z => z.Name));
        Assert.All(v7.Zones, z => Assert.Null(z.Priority));
    }

    [Fact]
    public void An_interface_belongs_to_one_zone_and_default_zones_stay()
    {
        var config = NewV7();
        Ok(config.Zones.ImportInterface(config.Zones.Find("trust")!, N("GE1/0/1")));
        Assert.Equal(FwErrors.InterfaceInOtherZone, config.Zones.ImportInterface(config.Zones.Find("Untrust")!, N("GigabitEthernet1/0/1")).Error);
        Assert.Equal(FwErrors.DefaultZoneUndeletable, config.Zones.Delete("Trust").Error);
        Ok(config.Zones.GetOrCreate("Guest", null, out _));
        Ok(config.SecurityPolicy.GetOrCreate(1, "g", out var rule));
        Ok(config.SecurityPolicy.AddZone(rule!, "Guest", source: true));
        Assert.Equal(FwErrors.ZoneInUse, config.Zones.Delete("Guest").Error);
        Ok(SecurityPolicyTable.RemoveZone(rule!, "Guest", source: true));
        Ok(config.Zones.Delete("Guest"));
    }

    [Fact]
    public void Acl_rules_number_by_step_and_render_with_port_names()
    {
        var config = NewV5();
        Ok(config.Acls.GetOrCreate(3000, null, out var acl));
        Ok(AclTable.AddRule(acl!, null, Rule(acl!, true, "tcp source 192.168.1.0 0.0.0.255 destination 10.0.0.10 0 destination-port eq 80"), out var r0));
        Ok(AclTable.AddRule(acl!, 28, Rule(acl!, false, "ip"), out _));
        Ok(AclTable.AddRule(acl!, null, Rule(acl!, true, "udp destination-port range 1000 2000 logging"), out var r30));
        Assert.Equal(0, r0!.Id);
        Assert.Equal(30, r30!.Id);
        Assert.Equal("rule 0 permit tcp source 192.168.1.0 0.0.0.255 destination 10.0.0.10 0 destination-port eq www", r0.Render(AclKind.Advanced));
        Assert.Equal("rule 30 permit udp destination-port range 1000 2000 logging", r30.Render(AclKind.Advanced));
        Assert.Null(TryRule(acl!, true, "bogus"));
        Assert.Null(TryRule(acl!, true, "icmp destination-port eq 80"));
        Assert.Equal(3, acl!.Rules.Count);
    }

    [Fact]
    public void Basic_acl_rejects_advanced_criteria_and_duplicates()
    {
        var config = NewV7();
        Ok(config.Acls.GetOrCreate(2000, AclKind.Basic, out var acl));
        Assert.False(config.Acls.GetOrCreate(3000, AclKind.Basic, out _).Ok);
        Ok(AclTable.AddRule(acl!, null, Rule(acl!, true, "source 10.0.0.0 0.255.255.255"), out _));
        // The basic view's grammar has no destination; the model refuses such criteria too.
        Assert.Null(TryRule(acl!, true, "destination 10.0.0.0 0.255.255.255"));
        Assert.False(AclTable.AddRule(acl!, null, new AclRuleSpec(true, null) { Destination = new WildcardMatch(Ip("10.0.0.0"), 0x00FF_FFFF) }, out _).Ok);
        Assert.False(AclTable.AddRule(acl!, null, new AclRuleSpec(true, Ports.Tcp), out _).Ok);
        Assert.Equal(FwErrors.AclRuleConflict, AclTable.AddRule(acl!, null, Rule(acl!, true, "source 10.0.0.0 0.255.255.255"), out _).Error);
    }

    [Fact]
    public void Objects_auto_number_by_ten_and_cannot_be_deleted_while_used()
    {
        var config = NewV7();
        Ok(config.Objects.GetOrCreateAddressObject("LAN", out var lan));
        Ok(config.Objects.AddAddressMember(lan!, null, Addr("subnet 192.168.1.0 24")));
        Ok(config.Objects.AddAddressMember(lan!, null, Addr("host address 10.0.0.1")));
        Ok(config.Objects.AddAddressMember(lan!, 25, Addr("range 10.0.0.20 10.0.0.10")));
        Ok(config.Objects.AddAddressMember(lan!, null, Addr("subnet 10.9.9.9 32")));
        Assert.Equal(["0 network subnet 192.168.1.0 255.255.255.0", "10 network host address 10.0.0.1", "25 network range 10.0.0.10 10.0.0.20", "30 network host address 10.9.9.9"],
            lan!.Members.Select(m => m.Render(ComwareDialect.V7)));
        Ok(config.Objects.GetOrCreateAddressObject("ALL", out var all));
        Ok(config.Objects.AddAddressMember(all!, null, Addr("group-object LAN")));
        Assert.Equal(FwErrors.ObjectSelfReference, config.Objects.AddAddressMember(lan!, null, Addr("group-object ALL")).Error);
        Assert.Equal(FwErrors.ObjectInUse, config.Objects.DeleteAddressObject("LAN").Error);
        Assert.True(config.Objects.AddressObjectContains("ALL", Ip("10.0.0.15")));
        Assert.False(config.Objects.AddressObjectContains("ALL", Ip("10.0.0.21")));
        Assert.Equal(FwErrors.ObjectNotFound, config.Objects.AddAddressMember(all!, null, Addr("group-object NOPE")).Error);
    }

    [Fact]
    public void V7_first_matching_rule_decides_and_move_changes_the_order()
    {
        var config = PolicyFixture();
        var web = new FlowQuery("Trust", Ip("192.168.1.5"), "Untrust", Ip("8.8.8.8"), Ports.Tcp, 40000, 80);
        var verdict = config.Evaluate(web);
        Assert.True(verdict.Permitted);
        Assert.Equal("web", verdict.RuleName);
        Ok(config.SecurityPolicy.Move(9, before: true, target: 0));
        Assert.Equal([9, 0], config.SecurityPolicy.Rules.Select(r => r.Id));
        verdict = config.Evaluate(web, countHit: true);
        Assert.False(verdict.Permitted);
        Assert.Equal(9, verdict.RuleId);
        Assert.Equal(1, config.SecurityPolicy.Find(9)!.Hits.Count);
        var other = config.Evaluate(web with { SourceZone = "DMZ" });
        Assert.False(other.Permitted);
        Assert.Equal(9, other.RuleId);
    }

    [Fact]
    public void V7_zones_are_derived_from_routes_when_not_given()
    {
        var config = PolicyFixture();
        Ok(config.Interfaces.SetAddress(Iface(config, "GE1/0/2"), A("192.168.1.1"), M("24"), sub: false));
        Ok(config.Interfaces.SetAddress(Iface(config, "GE1/0/1"), A("203.0.113.2"), M("30"), sub: false));
        Ok(config.Zones.ImportInterface(config.Zones.Find("Trust")!, N("GE1/0/2")));
        Ok(config.Zones.ImportInterface(config.Zones.Find("Untrust")!, N("GE1/0/1")));
        Ok(config.Routes.Add(A("0.0.0.0"), M("0"), null, A("203.0.113.1"), null, null));
        var verdict = config.Evaluate(new FlowQuery(null, Ip("192.168.1.5"), null, Ip("8.8.8.8"), Ports.Tcp, 1, 80));
        Assert.Equal(("Trust", "Untrust", true), (verdict.SourceZone, verdict.DestinationZone, verdict.Permitted));
        Assert.Equal("Local", config.ZoneForAddress(Ip("192.168.1.1")));
    }

    [Fact]
    public void V5_interzone_rules_match_in_order_default_deny_same_zone_permit()
    {
        var config = NewV5();
        Ok(config.Objects.GetOrCreateAddressObject("LAN", out var lan));
        Ok(config.Objects.AddAddressMember(lan!, null, Addr("subnet 192.168.1.0 255.255.255.0")));
        Ok(config.Interzones.GetOrCreate("Trust", "Untrust", out var instance));
        Ok(InterzoneTable.GetOrCreateRule(instance!, null, true, out var rule0));
        Ok(config.Interzones.AddRuleTerm(rule0!, InterzoneTerm.SourceIp, "LAN"));
        Ok(config.Interzones.AddRuleTerm(rule0!, InterzoneTerm.Service, "http"));
        Ok(InterzoneTable.GetOrCreateRule(instance!, null, false, out var rule1));
        Assert.Equal(1, rule1!.Id);
        Assert.Equal(FwErrors.PolicyModeConflict, config.Interzones.AddPacketFilter(instance!, 3000).Error);
        var web = new FlowQuery("Trust", Ip("192.168.1.5"), "Untrust", Ip("8.8.8.8"), Ports.Tcp, 1, 80);
        Assert.Equal(0, config.Evaluate(web).RuleId);
        Assert.Equal(1, config.Evaluate(web with { DestinationPort = 22 }).RuleId);
        Assert.False(config.Evaluate(web with { SourceZone = "DMZ" }).Permitted);
        Assert.True(config.Evaluate(web with { DestinationZone = "Trust" }).Permitted);
        Assert.Equal(FwErrors.ObjectInUse, config.Objects.DeleteAddressObject("LAN").Error);
        Assert.Equal(["LAN"], rule0!.SourceObjects);
        Ok(InterzoneTable.RemoveRuleTerm(rule0, InterzoneTerm.SourceIp, "LAN"));
        Assert.Equal([ObjectTable.AnyAddress], rule0.SourceObjects);
    }

    [Fact]
    public void V5_interzone_policy_group_uses_advanced_acls()
    {
        var config = NewV5();
        Ok(config.Acls.GetOrCreate(3001, null, out var acl));
        Ok(AclTable.AddRule(acl!, null, Rule(acl!, true, "tcp destination-port eq 443"), out _));
        Ok(config.Interzones.GetOrCreate("Untrust", "DMZ", out var instance));
        Assert.Equal(FwErrors.AclNotFound, config.Interzones.AddPacketFilter(instance!, 3002).Error);
        Ok(config.Interzones.AddPacketFilter(instance!, 3001));
        Assert.Equal(FwErrors.AclInUse, config.Acls.Delete(3001).Error);
        var verdict = config.Evaluate(new FlowQuery("Untrust", Ip("1.2.3.4"), "DMZ", Ip("10.0.0.5"), Ports.Tcp, 1, 443), countHit: true);
        Assert.True(verdict.Permitted);
        Assert.Equal(1, acl!.Rules[0].Hits.Count);
    }

    internal static FirewallConfig PolicyFixture()
    {
        var config = NewV7();
        Ok(config.Objects.GetOrCreateAddressObject("LAN", out var lan));
        Ok(config.Objects.AddAddressMember(lan!, null, Addr("subnet 192.168.1.0 24")));
        Ok(config.SecurityPolicy.GetOrCreate(0, "web", out var web));
        SecurityPolicyTable.SetAction(web!, PolicyAction.Pass);
        Ok(config.SecurityPolicy.AddZone(web!, "Trust", source: true));
        Ok(config.SecurityPolicy.AddZone(web!, "Untrust", source: false));
        Ok(config.SecurityPolicy.AddAddressObject(web!, "LAN", source: true));
        Ok(config.SecurityPolicy.AddService(web!, "http"));
        Ok(config.SecurityPolicy.GetOrCreate(9, "deny-all", out var deny));
        Ok(config.SecurityPolicy.AddZone(deny!, "any", source: true));
        return config;
    }
}
