using System.Xml.Linq;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>
/// The firewall tables of the H3C NETCONF model (ACL rules, security policy rules and their zones, NAT outbound and
/// NAT server): written and read through the same typed model as the CLI.
/// </summary>
public sealed class NetconfFirewallTableTests
{
    private static readonly XNamespace Cfg = ConfigNs;
    private static readonly XNamespace Data = DataNs;
    private const string Op = "xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=";

    private static async Task<ComwareDevice> V7Async()
    {
        var device = TestDevices.Create(ComwareDialect.V7, null);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        return device;
    }

    private static async Task<string> RunningAsync(ComwareDevice device) =>
        await device.RenderCurrentConfigurationAsync(TestContext.Current.CancellationToken);

    private static async Task CliAsync(ComwareDevice device, string text) =>
        Assert.True((await device.LoadConfigurationAsync(text, TestContext.Current.CancellationToken)).Succeeded);

    private const string AclAndRule =
        "<ACL><Groups><Group><GroupType>1</GroupType><GroupID>3001</GroupID></Group></Groups>" +
        "<IPv4AdvanceRules><Rule><GroupID>3001</GroupID><RuleID>5</RuleID><Action>2</Action><ProtocolType>6</ProtocolType>" +
        "<SrcAny>false</SrcAny><SrcIPv4><SrcIPv4Addr>10.0.0.0</SrcIPv4Addr><SrcIPv4Wildcard>0.0.0.255</SrcIPv4Wildcard></SrcIPv4>" +
        "<DstPort><DstPortOp>2</DstPortOp><DstPortValue1>443</DstPortValue1></DstPort><Counting>true</Counting></Rule></IPv4AdvanceRules></ACL>";

    private const string PolicyRule =
        "<SecurityPolicies><IPv4Rules><Rule><ID>7</ID><RuleName>web</RuleName><Action>2</Action><Log>true</Log><Comment>to the web</Comment></Rule></IPv4Rules>" +
        "<IPv4SrcSecZone><SrcSecZone><ID>7</ID><SeqNum>1</SeqNum><IsIncrement>true</IsIncrement><NameList><NameItem>Trust</NameItem></NameList></SrcSecZone></IPv4SrcSecZone>" +
        "<IPv4DestSecZone><DestSecZone><ID>7</ID><SeqNum>1</SeqNum><IsIncrement>true</IsIncrement><NameList><NameItem>Untrust</NameItem></NameList></DestSecZone></IPv4DestSecZone></SecurityPolicies>";

    private const string Nat =
        "<NAT><OutboundDynamicRules><Interface><IfIndex>2</IfIndex><ACLNumber>3001</ACLNumber></Interface></OutboundDynamicRules>" +
        "<ServerOnInterfaces><Interface><IfIndex>2</IfIndex><ProtocolType>6</ProtocolType>" +
        "<GlobalInfo><GlobalStartIpv4Address>198.51.100.10</GlobalStartIpv4Address><GlobalStartPortNumber>8080</GlobalStartPortNumber></GlobalInfo>" +
        "<LocalInfo><LocalStartIpv4Address>10.0.0.80</LocalStartIpv4Address><LocalStartPortNumber>80</LocalStartPortNumber></LocalInfo></Interface></ServerOnInterfaces></NAT>";

    [Fact]
    public async Task Firewall_edits_show_in_the_running_configuration()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync(AclAndRule + PolicyRule + Nat));

        var running = await RunningAsync(device);
        Assert.Contains("acl advanced 3001\n rule 5 permit tcp source 10.0.0.0 0.0.0.255 destination-port eq 443 counting", running, StringComparison.Ordinal);
        Assert.Contains(
            " rule 7 name web\n  description to the web\n  action pass\n  logging enable\n  source-zone Trust\n  destination-zone Untrust",
            running, StringComparison.Ordinal);
        Assert.Contains(" nat outbound 3001", running, StringComparison.Ordinal);
        Assert.Contains(" nat server protocol tcp global 198.51.100.10 8080 inside 10.0.0.80 www", running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Firewall_CLI_changes_show_in_get_config()
    {
        var device = await V7Async();
        await CliAsync(device,
            "acl basic 2001\n rule 10 deny source 192.0.2.0 0.0.0.255\n#\n" +
            "security-policy ip\n rule 3 name dns\n  action pass\n  counting enable\n  source-zone Trust\n  source-zone DMZ\n#\n" +
            "interface GigabitEthernet1/0/2\n nat outbound 2001\n#\n");
        await using var client = await OpenAsync(device);
        var reply = await client.GetConfigAsync("<ACL><IPv4BasicRules/></ACL><SecurityPolicies/><NAT><OutboundDynamicRules/></NAT>");

        var aclRule = reply.Descendants(Cfg + "IPv4BasicRules").Single().Element(Cfg + "Rule")!;
        Assert.Equal(["2001", "10", "1", "192.0.2.0", "0.0.0.255"],
            [aclRule.Element(Cfg + "GroupID")!.Value, aclRule.Element(Cfg + "RuleID")!.Value, aclRule.Element(Cfg + "Action")!.Value,
             aclRule.Element(Cfg + "SrcIPv4")!.Element(Cfg + "SrcIPv4Addr")!.Value, aclRule.Element(Cfg + "SrcIPv4")!.Element(Cfg + "SrcIPv4Wildcard")!.Value]);
        var policy = reply.Descendants(Cfg + "IPv4Rules").Single().Element(Cfg + "Rule")!;
        Assert.Equal(["3", "dns", "2", "true"],
            [policy.Element(Cfg + "ID")!.Value, policy.Element(Cfg + "RuleName")!.Value, policy.Element(Cfg + "Action")!.Value, policy.Element(Cfg + "Counting")!.Value]);
        Assert.Equal(["Trust", "DMZ"], reply.Descendants(Cfg + "SrcSecZone").Select(z => z.Element(Cfg + "NameList")!.Element(Cfg + "NameItem")!.Value));
        var nat = reply.Descendants(Cfg + "OutboundDynamicRules").Single().Element(Cfg + "Interface")!;
        Assert.Equal(["3", "2001"], [nat.Element(Cfg + "IfIndex")!.Value, nat.Element(Cfg + "ACLNumber")!.Value]);
    }

    [Fact]
    public async Task Get_bulk_pages_security_policy_rules_and_filters_on_nested_columns()
    {
        var device = await V7Async();
        await CliAsync(device, "security-policy ip\n rule 1 name a\n rule 2 name b\n rule 3 name c\n#\n");
        await using var client = await OpenAsync(device);
        var page = await client.RpcAsync($"<get-bulk><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><SecurityPolicies><IPv4Rules count=\"2\"><Rule><ID>1</ID><RuleName/></Rule></IPv4Rules></SecurityPolicies></top></filter></get-bulk>");
        Assert.Equal(["b", "c"], page.Descendants(Data + "RuleName").Select(e => e.Value));

        await CliAsync(device, "acl advanced 3002\n rule 0 permit ip source 10.1.0.0 0.0.255.255\n rule 1 permit ip source 10.2.0.0 0.0.255.255\n#\n");
        var filtered = await client.RpcAsync($"<get><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><ACL><IPv4AdvanceRules><Rule><RuleID>1</RuleID><SrcIPv4/></Rule></IPv4AdvanceRules></ACL></top></filter></get>");
        Assert.Equal(["10.2.0.0"], filtered.Descendants(Data + "SrcIPv4Addr").Select(e => e.Value));
    }

    [Fact]
    public async Task Delete_replace_and_remove_change_the_model()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync(AclAndRule + PolicyRule + Nat));

        AssertOk(await client.EditAsync(
            $"<SecurityPolicies><IPv4DestSecZone><DestSecZone {Op}\"delete\"><ID>7</ID><NameList><NameItem>Untrust</NameItem></NameList></DestSecZone></IPv4DestSecZone></SecurityPolicies>" +
            $"<NAT><ServerOnInterfaces><Interface {Op}\"replace\"><IfIndex>2</IfIndex><ProtocolType>6</ProtocolType><GlobalInfo><GlobalStartIpv4Address>198.51.100.10</GlobalStartIpv4Address><GlobalStartPortNumber>8080</GlobalStartPortNumber></GlobalInfo>" +
            "<LocalInfo><LocalStartIpv4Address>10.0.0.81</LocalStartIpv4Address><LocalStartPortNumber>80</LocalStartPortNumber></LocalInfo></Interface></ServerOnInterfaces>" +
            $"<OutboundDynamicRules><Interface {Op}\"remove\"><IfIndex>2</IfIndex><ACLNumber>3001</ACLNumber></Interface></OutboundDynamicRules></NAT>" +
            $"<ACL><IPv4AdvanceRules><Rule {Op}\"delete\"><GroupID>3001</GroupID><RuleID>5</RuleID></Rule></IPv4AdvanceRules></ACL>"));

        var running = await RunningAsync(device);
        Assert.DoesNotContain("destination-zone Untrust", running, StringComparison.Ordinal);
        Assert.Contains("source-zone Trust", running, StringComparison.Ordinal);
        Assert.Contains(" nat server protocol tcp global 198.51.100.10 8080 inside 10.0.0.81 www", running, StringComparison.Ordinal);
        Assert.DoesNotContain("inside 10.0.0.80", running, StringComparison.Ordinal);
        Assert.DoesNotContain("nat outbound", running, StringComparison.Ordinal);
        Assert.DoesNotContain("rule 5 permit", running, StringComparison.Ordinal);

        AssertOk(await client.EditAsync($"<SecurityPolicies><IPv4Rules><Rule {Op}\"delete\"><ID>7</ID></Rule></IPv4Rules></SecurityPolicies>"));
        Assert.DoesNotContain("rule 7 name web", await RunningAsync(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_row_gives_an_rpc_error_and_nothing_half_applied()
    {
        var device = await V7Async();
        var before = await RunningAsync(device);
        await using var client = await OpenAsync(device);

        // The policy rule is good; its zone names a zone that does not exist: the CLI refuses it, the rule is rolled back.
        var reply = await client.EditAsync(
            "<SecurityPolicies><IPv4Rules><Rule><ID>9</ID><RuleName>x</RuleName><Action>2</Action></Rule></IPv4Rules>" +
            "<IPv4SrcSecZone><SrcSecZone><ID>9</ID><NameList><NameItem>NoSuchZone</NameItem></NameList></SrcSecZone></IPv4SrcSecZone></SecurityPolicies>",
            "<error-option>rollback-on-error</error-option>");
        Assert.Equal("operation-failed", ErrorTag(reply));
        Assert.Equal(before, await RunningAsync(device));

        // A rule for an ACL that does not exist, and an invalid action code: refused with the model's message.
        Assert.Equal("invalid-value", ErrorTag(await client.EditAsync(
            "<ACL><IPv4AdvanceRules><Rule><GroupID>3999</GroupID><RuleID>0</RuleID><Action>2</Action><ProtocolType>256</ProtocolType></Rule></IPv4AdvanceRules></ACL>")));
        Assert.Equal("invalid-value", ErrorTag(await client.EditAsync(
            "<SecurityPolicies><IPv4Rules><Rule><ID>9</ID><Action>3</Action></Rule></IPv4Rules></SecurityPolicies>",
            "<error-option>rollback-on-error</error-option>")));

        // An unknown nested column is refused before anything runs, even with the default stop-on-error.
        Assert.Equal("unknown-element", ErrorTag(await client.EditAsync(
            "<Device><Base><HostName>CHANGED</HostName></Base></Device>" +
            "<NAT><ServerOnInterfaces><Interface><IfIndex>2</IfIndex><ProtocolType>6</ProtocolType><GlobalInfo><GlobalVRF>vpn1</GlobalVRF></GlobalInfo></Interface></ServerOnInterfaces></NAT>")));
        Assert.Equal(before, await RunningAsync(device));
    }

    [Fact]
    public async Task NAT_address_groups_and_static_NAT_on_interfaces_go_both_ways()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync(
            "<NAT><AddrGroups><AddrGroup><GroupNumber>4</GroupNumber></AddrGroup></AddrGroups>" +
            "<AddrGroupMembers><GroupMember><GroupNumber>4</GroupNumber><StartIpv4Address>203.0.113.10</StartIpv4Address><EndIpv4Address>203.0.113.20</EndIpv4Address></GroupMember></AddrGroupMembers>" +
            "<StaticOnInterfaces><Interface><IfIndex>2</IfIndex><EnableStatic>true</EnableStatic></Interface></StaticOnInterfaces></NAT>"));
        var running = await RunningAsync(device);
        Assert.Contains("nat address-group 4\n address 203.0.113.10 203.0.113.20", running, StringComparison.Ordinal);
        Assert.Contains(" nat static enable", running, StringComparison.Ordinal);

        // A member of a group that does not exist is refused; a group made in the CLI reads back.
        Assert.Equal("invalid-value", ErrorTag(await client.EditAsync(
            "<NAT><AddrGroupMembers><GroupMember><GroupNumber>9</GroupNumber><StartIpv4Address>203.0.113.1</StartIpv4Address><EndIpv4Address>203.0.113.2</EndIpv4Address></GroupMember></AddrGroupMembers></NAT>")));
        await CliAsync(device, "nat address-group 7\n address 192.0.2.100 192.0.2.101\n#\n");
        var reply = await client.GetConfigAsync("<NAT><AddrGroupMembers/></NAT>");
        Assert.Equal(["4:203.0.113.10-203.0.113.20", "7:192.0.2.100-192.0.2.101"],
            reply.Descendants(Cfg + "GroupMember").Select(m => $"{m.Element(Cfg + "GroupNumber")!.Value}:{m.Element(Cfg + "StartIpv4Address")!.Value}-{m.Element(Cfg + "EndIpv4Address")!.Value}"));
    }
}
