using System.Xml.Linq;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>
/// The H3C table model read and written over NETCONF: edits appear in display current-configuration, CLI changes in
/// get-config; edit-config operations, options and errors; get-bulk paging; the CLI and save operations.
/// </summary>
public sealed class NetconfDataTests
{
    private static readonly XNamespace Cfg = ConfigNs;
    private static readonly XNamespace Data = DataNs;

    private static async Task<ComwareDevice> V7Async(string? startup = null)
    {
        var device = TestDevices.Create(ComwareDialect.V7, startup);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        return device;
    }

    private static async Task<string> RunningAsync(ComwareDevice device) =>
        await device.RenderCurrentConfigurationAsync(TestContext.Current.CancellationToken);

    private static async Task CliAsync(ComwareDevice device, string text) =>
        Assert.True((await device.LoadConfigurationAsync(text, TestContext.Current.CancellationToken)).Succeeded);

    [Fact]
    public async Task An_edit_shows_in_the_running_configuration()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync(
            "<Device><Base><HostName>EDGE-1</HostName></Base></Device>" +
            "<Ifmgr><Interfaces><Interface><IfIndex>2</IfIndex><Description>uplink to core</Description><AdminStatus>2</AdminStatus></Interface></Interfaces></Ifmgr>" +
            "<IPV4ADDRESS><Ipv4Addresses><Ipv4Address><IfIndex>2</IfIndex><Ipv4Address>10.1.1.1</Ipv4Address><Ipv4Mask>255.255.255.0</Ipv4Mask></Ipv4Address></Ipv4Addresses></IPV4ADDRESS>" +
            "<StaticRoute><Ipv4StaticRouteConfigurations><RouteEntry><Ipv4Address>0.0.0.0</Ipv4Address><Ipv4PrefixLength>0</Ipv4PrefixLength><NexthopIpv4Address>10.1.1.254</NexthopIpv4Address><Preference>70</Preference></RouteEntry></Ipv4StaticRouteConfigurations></StaticRoute>" +
            "<SecurityZone><Zones><Zone><ZoneName>DMZ2</ZoneName></Zone></Zones><Interfaces><Interface><ZoneName>DMZ2</ZoneName><IfIndex>2</IfIndex></Interface></Interfaces></SecurityZone>" +
            "<ACL><Groups><Group><GroupType>1</GroupType><GroupID>3001</GroupID><Description>web</Description></Group></Groups></ACL>"));

        var running = await RunningAsync(device);
        Assert.Contains(" sysname EDGE-1", running, StringComparison.Ordinal);
        var block = running[running.IndexOf("interface GigabitEthernet1/0/1\n", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n#", StringComparison.Ordinal)];
        Assert.Equal(
            [" description uplink to core", " ip address 10.1.1.1 255.255.255.0", " port link-mode route", " shutdown", "interface GigabitEthernet1/0/1"],
            block.Split('\n').Order(StringComparer.Ordinal));
        Assert.Contains(" ip route-static 0.0.0.0 0 10.1.1.254 preference 70", running, StringComparison.Ordinal);
        Assert.Contains("security-zone name DMZ2\n import interface GigabitEthernet1/0/1", running, StringComparison.Ordinal);
        Assert.Contains("acl advanced 3001\n description web", running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CLI_change_shows_in_get_config()
    {
        var device = await V7Async();
        await CliAsync(device, "interface GigabitEthernet1/0/2\n ip address 192.0.2.1 255.255.255.252\n description from cli\n");
        await using var client = await OpenAsync(device);
        var reply = await client.GetConfigAsync("<Ifmgr><Interfaces><Interface><IfIndex>3</IfIndex></Interface></Interfaces></Ifmgr><IPV4ADDRESS/>");
        var iface = reply.Descendants(Cfg + "Interface").Single();
        Assert.Equal("from cli", iface.Element(Cfg + "Description")!.Value);
        var address = reply.Descendants(Cfg + "Ipv4Address").Single(e => e.HasElements && e.Element(Cfg + "IfIndex")!.Value == "3");
        Assert.Equal("255.255.255.252", address.Element(Cfg + "Ipv4Mask")!.Value);
    }

    [Fact]
    public async Task Subtree_filters_select_rows_and_columns()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        var reply = await client.RpcAsync($"<get><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><Ifmgr><Interfaces><Interface><Name>GigabitEthernet1/0/3</Name><IfIndex/></Interface></Interfaces></Ifmgr></top></filter></get>");
        var row = reply.Descendants(Data + "Interface").Single();
        Assert.Equal(["Name", "IfIndex"], row.Elements().Select(e => e.Name.LocalName).Order().Reverse());
        Assert.Equal("4", row.Element(Data + "IfIndex")!.Value);
        Assert.Empty(reply.Descendants(Data + "Device"));
    }

    [Fact]
    public async Task Create_of_an_existing_row_and_delete_of_a_missing_one_fail()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        const string zone = "<SecurityZone><Zones><Zone {0}><ZoneName>Lab</ZoneName></Zone></Zones></SecurityZone>";
        const string op = "xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=";
        AssertOk(await client.EditAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, zone, op + "\"create\"")));
        Assert.Equal("data-exists", ErrorTag(await client.EditAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, zone, op + "\"create\""))));
        AssertOk(await client.EditAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, zone, op + "\"delete\"")));
        Assert.DoesNotContain("security-zone name Lab", await RunningAsync(device), StringComparison.Ordinal);
        Assert.Equal("data-missing", ErrorTag(await client.EditAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, zone, op + "\"delete\""))));
        AssertOk(await client.EditAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, zone, op + "\"remove\"")));
    }

    [Fact]
    public async Task Replace_on_a_table_removes_the_rows_it_does_not_name()
    {
        var device = await V7Async();
        await CliAsync(device, "ip route-static 10.0.0.0 8 192.0.2.1\nip route-static 172.16.0.0 12 192.0.2.1\n");
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync(
            "<StaticRoute><Ipv4StaticRouteConfigurations xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=\"replace\">" +
            "<RouteEntry><Ipv4Address>10.0.0.0</Ipv4Address><Ipv4PrefixLength>8</Ipv4PrefixLength><NexthopIpv4Address>192.0.2.1</NexthopIpv4Address></RouteEntry>" +
            "</Ipv4StaticRouteConfigurations></StaticRoute>"));
        var running = await RunningAsync(device);
        Assert.Contains("ip route-static 10.0.0.0 8 192.0.2.1", running, StringComparison.Ordinal);
        Assert.DoesNotContain("172.16.0.0", running, StringComparison.Ordinal);
    }

    private const string GoodThenBad =
        "<Device><Base><HostName>CHANGED</HostName></Base></Device>" +
        "<StaticRoute><Ipv4StaticRouteConfigurations><RouteEntry><Ipv4Address>10.1.2.3</Ipv4Address><Ipv4PrefixLength>8</Ipv4PrefixLength><NexthopIpv4Address>192.0.2.1</NexthopIpv4Address></RouteEntry></Ipv4StaticRouteConfigurations></StaticRoute>";

    [Fact]
    public async Task Rollback_on_error_leaves_nothing_half_applied()
    {
        var device = await V7Async();
        var before = await RunningAsync(device);
        await using var client = await OpenAsync(device);
        var reply = await client.EditAsync(GoodThenBad, "<error-option>rollback-on-error</error-option>");
        Assert.Equal("operation-failed", ErrorTag(reply));
        Assert.Equal(before, await RunningAsync(device));
    }

    [Fact]
    public async Task Stop_on_error_keeps_what_ran_before_the_error_when_tests_are_off()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        Assert.Equal("operation-failed", ErrorTag(await client.EditAsync(GoodThenBad, "<test-option>set</test-option><error-option>stop-on-error</error-option>")));
        Assert.Contains(" sysname CHANGED", await RunningAsync(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_only_changes_nothing_and_reports_what_would_fail()
    {
        var device = await V7Async();
        var before = await RunningAsync(device);
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync("<Device><Base><HostName>TRIAL</HostName></Base></Device>", "<test-option>test-only</test-option>"));
        Assert.Equal("operation-failed", ErrorTag(await client.EditAsync(GoodThenBad, "<test-option>test-only</test-option>")));
        Assert.Equal(before, await RunningAsync(device));
        Assert.Equal("operation-failed", ErrorTag(await client.RpcAsync($"<validate><source><config><top xmlns=\"{ConfigNs}\">{GoodThenBad}</top></config></source></validate>")));
        AssertOk(await client.RpcAsync("<validate><source><running/></source></validate>"));
    }

    [Fact]
    public async Task Continue_on_error_applies_the_rest_and_reports_each_error()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        var reply = await client.EditAsync(
            "<StaticRoute><Ipv4StaticRouteConfigurations><RouteEntry><Ipv4Address>10.1.2.3</Ipv4Address><Ipv4PrefixLength>8</Ipv4PrefixLength><NexthopIpv4Address>192.0.2.1</NexthopIpv4Address></RouteEntry></Ipv4StaticRouteConfigurations></StaticRoute>" +
            "<Device><Base><HostName>AFTER</HostName></Base></Device>" +
            "<SecurityZone><Zones><Zone xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=\"delete\"><ZoneName>Nope</ZoneName></Zone></Zones></SecurityZone>",
            "<error-option>continue-on-error</error-option>");
        Assert.Equal(2, reply.Elements(Nc + "rpc-error").Count());
        Assert.Contains(" sysname AFTER", await RunningAsync(device), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Ifmgr><Interfaces><Interface><IfIndex>2</IfIndex><Speed>10</Speed></Interface></Interfaces></Ifmgr>", "unknown-element")]
    [InlineData("<Nonexistent/>", "unknown-element")]
    [InlineData("<Ifmgr><Interfaces><Interface><IfIndex>999</IfIndex><Description>x</Description></Interface></Interfaces></Ifmgr>", "invalid-value")]
    [InlineData("<Ifmgr><Interfaces><Interface><IfIndex>2</IfIndex><AdminStatus>7</AdminStatus></Interface></Interfaces></Ifmgr>", "invalid-value")]
    [InlineData("<Ifmgr><Interfaces><Interface><Description>no key</Description></Interface></Interfaces></Ifmgr>", "missing-element")]
    [InlineData("<Ifmgr><Interfaces><Interface><IfIndex>2</IfIndex><Description>two&#10;lines</Description></Interface></Interfaces></Ifmgr>", "invalid-value")]
    [InlineData("<Ifmgr><Interfaces><Interface xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\" nc:operation=\"frobnicate\"><IfIndex>2</IfIndex></Interface></Interfaces></Ifmgr>", "bad-attribute")]
    public async Task Bad_edits_are_refused_before_anything_changes(string top, string tag)
    {
        var device = await V7Async();
        var before = await RunningAsync(device);
        await using var client = await OpenAsync(device);
        Assert.Equal(tag, ErrorTag(await client.EditAsync("<Device><Base><HostName>FIRST</HostName></Base></Device>" + top)));
        Assert.Equal(before, await RunningAsync(device));
    }

    [Fact]
    public async Task Edits_in_the_wrong_namespace_are_refused()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        var reply = await client.RpcAsync($"<edit-config><target><running/></target><config><top xmlns=\"{DataNs}\"><Device><Base><HostName>X</HostName></Base></Device></top></config></edit-config>");
        Assert.Equal("unknown-namespace", ErrorTag(reply));
    }

    [Fact]
    public async Task A_read_only_user_cannot_edit_and_the_CLI_message_says_why()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device, new CliUser("watch", 1, ["network-operator"]));
        var reply = await client.EditAsync("<Device><Base><HostName>NOPE</HostName></Base></Device>");
        Assert.Equal("operation-failed", ErrorTag(reply));
        Assert.DoesNotContain("NOPE", await RunningAsync(device), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_bulk_pages_with_count_and_index()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        var first = await client.RpcAsync($"<get-bulk><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><Ifmgr><Interfaces xmlns:h3c=\"http://www.h3c.com/netconf/base:1.0\" h3c:count=\"2\"><Interface><IfIndex/></Interface></Interfaces></Ifmgr></top></filter></get-bulk>");
        Assert.Equal(["1", "2"], first.Descendants(Data + "IfIndex").Select(e => e.Value));
        var next = await client.RpcAsync($"<get-bulk><filter type=\"subtree\"><top xmlns=\"{DataNs}\"><Ifmgr><Interfaces xmlns:h3c=\"http://www.h3c.com/netconf/base:1.0\" h3c:count=\"2\"><Interface><IfIndex>2</IfIndex></Interface></Interfaces></Ifmgr></top></filter></get-bulk>");
        Assert.Equal(["3", "4"], next.Descendants(Data + "IfIndex").Select(e => e.Value));
        var config = await client.RpcAsync($"<get-bulk-config><source><running/></source><filter type=\"subtree\"><top xmlns=\"{ConfigNs}\"><Ifmgr><Interfaces count=\"1\"><Interface><IfIndex>4</IfIndex></Interface></Interfaces></Ifmgr></top></filter></get-bulk-config>");
        Assert.Equal(["5"], config.Descendants(Cfg + "IfIndex").Select(e => e.Value));
    }

    [Fact]
    public async Task CLI_execution_and_configuration_run_through_the_command_engine()
    {
        var device = await V7Async();
        await using var client = await OpenAsync(device);
        var display = await client.RpcAsync("<CLI><Execution>display current-configuration | include sysname</Execution></CLI>");
        Assert.Equal("<H3C>display current-configuration | include sysname\n sysname H3C\n<H3C>", display.Descendants(Nc + "Execution").Single().Value);

        var configure = await client.RpcAsync("<CLI><Configuration>sysname CLI-NC\ninterface GigabitEthernet1/0/3\n description via cli op</Configuration></CLI>");
        Assert.EndsWith("[CLI-NC-GigabitEthernet1/0/3]", configure.Descendants(Nc + "Configuration").Single().Value, StringComparison.Ordinal);
        var running = await RunningAsync(device);
        Assert.Contains(" sysname CLI-NC", running, StringComparison.Ordinal);
        Assert.Contains(" description via cli op", running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_writes_the_running_configuration_and_rollback_restores_it()
    {
        var device = await V7Async();
        var services = (FakeDeviceServices)device.Services;
        await using var client = await OpenAsync(device);
        AssertOk(await client.EditAsync("<Device><Base><HostName>SAVED</HostName></Base></Device>"));
        AssertOk(await client.RpcAsync("<save><file>flash:/startup.cfg</file></save>"));
        Assert.Contains(" sysname SAVED", services.StartupConfiguration, StringComparison.Ordinal);

        AssertOk(await client.EditAsync("<Device><Base><HostName>LATER</HostName></Base></Device>"));
        AssertOk(await client.RpcAsync("<rollback><file>flash:/startup.cfg</file></rollback>"));
        Assert.Contains(" sysname SAVED", await RunningAsync(device), StringComparison.Ordinal);
        Assert.Equal("invalid-value", ErrorTag(await client.RpcAsync("<load><file>flash:/other.cfg</file></load>")));

        // The rollback replaced the device state: sessions and locks still work across it.
        AssertOk(await client.RpcAsync("<lock><target><running/></target></lock>"));
        await using var other = await OpenAsync(device);
        Assert.NotEqual(client.Session.Id, other.Session.Id);
        Assert.Equal("lock-denied", ErrorTag(await other.RpcAsync("<lock><target><running/></target></lock>")));
        AssertOk(await other.RpcAsync($"<kill-session><session-id>{client.Session.Id}</session-id></kill-session>"));
    }
}
