using System.IO.Pipelines;
using System.Xml.Linq;
using Emulator.Comware.Netconf;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>A NETCONF client over in-memory pipes against one <see cref="NetconfSession"/>.</summary>
internal sealed class NetconfClient : IAsyncDisposable
{
    public static readonly XNamespace Nc = NetconfNamespaces.Base;
    public const string ConfigNs = "http://www.h3c.com/netconf/config:1.0";
    public const string DataNs = "http://www.h3c.com/netconf/data:1.0";

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly NetconfFraming _framing;
    private int _messageId;

    private NetconfClient()
    {
        _framing = new NetconfFraming(_toClient.Reader, _toServer.Writer);
    }

    public NetconfSession Session { get; private set; } = null!;

    public Task<int> Run { get; private set; } = Task.FromResult(0);

    public XElement? ServerHello { get; private set; }

    public static CliUser Admin { get; } = new("admin", 3, ["network-admin"]);

    public static async Task<NetconfClient> OpenAsync(ComwareDevice device, CliUser? user = null, bool base11 = true, int maxMessageBytes = NetconfFraming.DefaultMaxMessageBytes)
    {
        var client = new NetconfClient();
        client.Session = await NetconfSession.OpenAsync(device, user ?? Admin, client._toServer.Reader, client._toClient.Writer, TestContext.Current.CancellationToken, maxMessageBytes);
        client.Run = Task.Run(() => client.Session.RunAsync(TestContext.Current.CancellationToken));
        client.ServerHello = XElement.Parse((await client.ReadRawAsync())!);
        var capability = base11 ? "urn:ietf:params:netconf:base:1.1" : "urn:ietf:params:netconf:base:1.0";
        await client.SendRawAsync($"<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities><capability>{capability}</capability></capabilities></hello>");
        if (base11)
        {
            client._framing.Mode = NetconfFramingMode.Chunked;
        }

        return client;
    }

    public async Task SendRawAsync(string text) =>
        await _framing.WriteMessageAsync(text, TestContext.Current.CancellationToken);

    /// <summary>Bytes straight onto the wire, no framing.</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _toServer.Writer.WriteAsync(bytes, TestContext.Current.CancellationToken);
    }

    public async Task<string?> ReadRawAsync() =>
        await _framing.ReadMessageAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public async Task<XElement> ReplyAsync() => XElement.Parse((await ReadRawAsync()) ?? throw new InvalidOperationException("session ended"));

    /// <summary>Sends <c>&lt;rpc message-id=N&gt;inner&lt;/rpc&gt;</c> and returns the rpc-reply.</summary>
    public async Task<XElement> RpcAsync(string inner)
    {
        var id = ++_messageId;
        await SendRawAsync($"<rpc message-id=\"{id}\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">{inner}</rpc>");
        var reply = await ReplyAsync();
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Attribute("message-id")?.Value);
        return reply;
    }

    public Task<XElement> EditAsync(string top, string options = "") =>
        RpcAsync($"<edit-config><target><running/></target>{options}<config><top xmlns=\"{ConfigNs}\">{top}</top></config></edit-config>");

    public Task<XElement> GetConfigAsync(string filter) =>
        RpcAsync($"<get-config><source><running/></source><filter type=\"subtree\"><top xmlns=\"{ConfigNs}\">{filter}</top></filter></get-config>");

    public static void AssertOk(XElement reply) => Assert.True(reply.Element(Nc + "ok") is not null, reply.ToString());

    public static string ErrorTag(XElement reply) =>
        reply.Element(Nc + "rpc-error")?.Element(Nc + "error-tag")?.Value ?? throw new InvalidOperationException("no rpc-error in " + reply);

    public async Task EndAsync()
    {
        await _toServer.Writer.CompleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await ((Task)Run).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Session.Dispose();
    }
}
