using System.Text;
using System.Xml.Linq;
using Emulator.Comware.Netconf;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>Hello, framing switch, bad input and the session operations (lock, kill, close) over in-memory pipes.</summary>
public sealed class NetconfSessionTests
{
    private static ComwareDevice V7() => TestDevices.Create(ComwareDialect.V7);

    [Fact]
    public async Task Hello_announces_both_bases_the_H3C_extension_and_a_session_id()
    {
        await using var client = await OpenAsync(V7());
        var capabilities = client.ServerHello!.Descendants(Nc + "capability").Select(c => c.Value).ToList();
        Assert.Contains("urn:ietf:params:netconf:base:1.0", capabilities);
        Assert.Contains("urn:ietf:params:netconf:base:1.1", capabilities);
        Assert.Contains("urn:h3c:params:netconf:capability:h3c-netconf-ext:1.0", capabilities);
        Assert.Equal(client.Session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), client.ServerHello.Element(Nc + "session-id")?.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_framings_carry_rpcs(bool base11)
    {
        await using var client = await OpenAsync(V7(), base11: base11);
        var reply = await client.GetConfigAsync("<Device><Base/></Device>");
        Assert.Equal("H3C", reply.Descendants(XName.Get("HostName", ConfigNs)).Single().Value);
    }

    [Fact]
    public async Task A_DTD_is_refused_and_the_session_goes_on()
    {
        await using var client = await OpenAsync(V7());
        await client.SendRawAsync("<!DOCTYPE rpc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get-config><source><running/></source></get-config><x>&x;</x></rpc>");
        var reply = await client.ReplyAsync();
        Assert.Equal("malformed-message", ErrorTag(reply));
        Assert.DoesNotContain("root:", reply.ToString(), StringComparison.Ordinal);
        AssertOk(await client.RpcAsync("<lock><target><running/></target></lock>"));
    }

    [Fact]
    public async Task Entity_expansion_is_refused()
    {
        await using var client = await OpenAsync(V7());
        var laughs = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">");
        }

        laughs.Append("]><rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get><filter>&lol9;</filter></get></rpc>");
        await client.SendRawAsync(laughs.ToString());
        Assert.Equal("malformed-message", ErrorTag(await client.ReplyAsync()));
    }

    [Theory]
    [InlineData("<rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get-config>", "malformed-message")]
    [InlineData("<rpc message-id=\"1\" xmlns=\"urn:example:other\"><get/></rpc>", "unknown-namespace")]
    [InlineData("<rpc xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get/></rpc>", "missing-attribute")]
    [InlineData("<rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><reboot-now/></rpc>", "operation-not-supported")]
    [InlineData("<rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get-config><source><candidate/></source></get-config></rpc>", "invalid-value")]
    [InlineData("<rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get><filter type=\"subtree\"><top xmlns=\"http://www.h3c.com/netconf/config:1.0\"/></filter></get></rpc>", "unknown-namespace")]
    [InlineData("<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"/>", "unknown-element")]
    public async Task Bad_requests_get_an_rpc_error_and_the_session_goes_on(string message, string tag)
    {
        await using var client = await OpenAsync(V7());
        await client.SendRawAsync(message);
        var reply = await client.ReplyAsync();
        Assert.Equal(tag, ErrorTag(reply));
        Assert.Equal("error", reply.Element(Nc + "rpc-error")!.Element(Nc + "error-severity")!.Value);
        AssertOk(await client.RpcAsync("<lock><target><running/></target></lock>"));
    }

    [Fact]
    public async Task Bad_framing_ends_only_that_session()
    {
        var device = V7();
        await using var bad = await OpenAsync(device);
        await using var good = await OpenAsync(device);
        await bad.SendBytesAsync(Encoding.ASCII.GetBytes("\n#zz\n"));
        Assert.Equal(1, await bad.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        AssertOk(await good.RpcAsync("<lock><target><running/></target></lock>"));
    }

    [Fact]
    public async Task A_huge_message_ends_the_session()
    {
        await using var client = await OpenAsync(V7(), maxMessageBytes: 4096);
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("\n#100000\n" + new string(' ', 5000)));
        Assert.Equal(1, await client.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_client_hello_with_a_session_id_ends_the_session()
    {
        var device = V7();
        var toServer = new System.IO.Pipelines.Pipe();
        var toClient = new System.IO.Pipelines.Pipe();
        using var session = await NetconfSession.OpenAsync(device, Admin, toServer.Reader, toClient.Writer, TestContext.Current.CancellationToken);
        var run = session.RunAsync(TestContext.Current.CancellationToken);
        await toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes("<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities><session-id>4</session-id></hello>]]>]]>"), TestContext.Current.CancellationToken);
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_lock_keeps_other_sessions_from_editing_until_it_is_released()
    {
        var device = V7();
        await using var owner = await OpenAsync(device);
        await using var other = await OpenAsync(device);
        AssertOk(await owner.RpcAsync("<lock><target><running/></target></lock>"));

        var denied = await other.RpcAsync("<lock><target><running/></target></lock>");
        Assert.Equal("lock-denied", ErrorTag(denied));
        Assert.Equal(owner.Session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), denied.Descendants(Nc + "session-id").Single().Value);
        Assert.Equal("in-use", ErrorTag(await other.EditAsync("<Device><Base><HostName>X</HostName></Base></Device>")));
        Assert.Equal("operation-failed", ErrorTag(await other.RpcAsync("<unlock><target><running/></target></unlock>")));

        AssertOk(await owner.RpcAsync("<unlock><target><running/></target></unlock>"));
        AssertOk(await other.EditAsync("<Device><Base><HostName>X</HostName></Base></Device>"));
    }

    [Fact]
    public async Task Kill_session_ends_the_other_session_and_frees_its_lock()
    {
        var device = V7();
        await using var victim = await OpenAsync(device);
        await using var killer = await OpenAsync(device);
        AssertOk(await victim.RpcAsync("<lock><target><running/></target></lock>"));
        Assert.Equal("invalid-value", ErrorTag(await killer.RpcAsync($"<kill-session><session-id>{killer.Session.Id}</session-id></kill-session>")));
        AssertOk(await killer.RpcAsync($"<kill-session><session-id>{victim.Session.Id}</session-id></kill-session>"));
        Assert.Equal(1, await victim.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        AssertOk(await killer.RpcAsync("<lock><target><running/></target></lock>"));
        Assert.Equal("invalid-value", ErrorTag(await killer.RpcAsync("<kill-session><session-id>999</session-id></kill-session>")));
    }

    [Fact]
    public async Task Close_session_answers_ok_then_ends()
    {
        await using var client = await OpenAsync(V7());
        AssertOk(await client.RpcAsync("<close-session/>"));
        Assert.Equal(0, await client.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Only_a_manager_may_kill_sessions()
    {
        var device = V7();
        await using var victim = await OpenAsync(device);
        await using var monitor = await OpenAsync(device, new CliUser("watch", 1, ["network-operator"]));
        Assert.Equal("access-denied", ErrorTag(await monitor.RpcAsync($"<kill-session><session-id>{victim.Session.Id}</session-id></kill-session>")));
    }
}
