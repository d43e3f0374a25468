using System.IO.Pipelines;
using System.Xml;
using System.Xml.Linq;
using Emulator.Comware.Runtime;
using Microsoft.Extensions.Logging;

namespace Emulator.Comware.Netconf;

/// <summary>
/// One NETCONF session (RFC 6241 over RFC 6242 framing) on a device: hello exchange, then one rpc at a time until
/// close-session, kill-session, end of input or a framing error. A malformed or unknown request gets an
/// <c>&lt;rpc-error&gt;</c> and the session goes on; nothing a client sends can end another session or the device.
/// </summary>
public sealed partial class NetconfSession : IDisposable
{
    /// <summary>What the device announces (H3C Comware 7 NETCONF: base 1.0 and 1.1, writable running, validate, H3C extensions).</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "urn:ietf:params:netconf:base:1.0",
        "urn:ietf:params:netconf:base:1.1",
        "urn:ietf:params:netconf:capability:writable-running:1.0",
        "urn:ietf:params:netconf:capability:validate:1.0",
        "urn:ietf:params:netconf:capability:validate:1.1",
        "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
        "urn:h3c:params:netconf:capability:h3c-netconf-ext:1.0",
    ];

    private const string Base11 = "urn:ietf:params:netconf:base:1.1";

    private readonly ComwareDevice _device;
    private readonly NetconfFraming _framing;
    private NetconfSessionTable _table;
    private readonly CancellationTokenSource _killed = new();
    private bool _closing;

    private readonly Sessions.Login? _login;

    private NetconfSession(ComwareDevice device, CliUser user, Sessions.Login? login, PipeReader input, PipeWriter output, int maxMessageBytes)
    {
        _device = device;
        _login = login;
        User = login is null ? user : user with { Line = login.Line };
        _framing = new NetconfFraming(input, output, maxMessageBytes);
        _table = device.GetState<NetconfSessionTable>();
        Id = _table.Open(_killed);
    }

    /// <summary>
    /// Boots the device if needed (the session table lives in its state), takes a VTY line and registers a session with a
    /// new id. A NETCONF-over-SSH session occupies a VTY user line as a CLI login does (H3C Comware 7 NETCONF
    /// Configuration Guide, get-sessions: each session reports its <c>Line</c>, e.g. <c>vty0</c>), so <c>display users</c>
    /// lists it (Type <c>NETCONF</c>; that column's text on a real device is unverified) and it counts against the VTYs.
    /// When every VTY is taken the session ends before its hello.
    /// </summary>
    public static async Task<NetconfSession> OpenAsync(ComwareDevice device, CliUser user, PipeReader input, PipeWriter output,
        CancellationToken cancellationToken, int maxMessageBytes = NetconfFraming.DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await device.EnsureBootedAsync(cancellationToken);
        var remote = System.Net.IPAddress.TryParse(user.RemoteAddress, out var address) ? new System.Net.IPEndPoint(address, 0) : null;
        var login = device.Logins.TryOpen(new Sessions.LoginRequest(user.Name, remote, "NETCONF"));
        return new NetconfSession(device, user, login, input, output, maxMessageBytes);
    }

    /// <summary>The VTY line the session holds (<c>VTY 0</c>), or null when none was free.</summary>
    public string? Line => _login?.Line;

    public int Id { get; }

    public CliUser User { get; }

    internal ComwareDevice Device => _device;

    /// <summary>
    /// The device's session table. A reset or rollback replaces the device state, table included: the session then
    /// registers itself in the new table under the same id (a lock it held went with the old configuration).
    /// </summary>
    internal NetconfSessionTable Table
    {
        get
        {
            var current = _device.GetState<NetconfSessionTable>();
            if (!ReferenceEquals(current, _table))
            {
                current.Adopt(Id, _killed);
                _table = current;
            }

            return current;
        }
    }

    /// <summary>Runs until the session ends; returns 0 after close-session or end of input, 1 after a protocol error.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _killed.Token);
        var token = linked.Token;
        if (_login is null)
        {
            LogNoFreeLine(_device.Logger, User.Name);
            Table.Close(Id);
            return 1;
        }

        try
        {
            await _framing.WriteMessageAsync(NetconfXml.Serialize(Hello()), token);
            if (!await ReadClientHelloAsync(token))
            {
                return 1;
            }

            while (!_closing)
            {
                var text = await _framing.ReadMessageAsync(token);
                if (text is null)
                {
                    return 0;
                }

                _login.Touch();
                var reply = await HandleAsync(text, token);
                await _framing.WriteMessageAsync(NetconfXml.Serialize(reply), token);
            }

            return 0;
        }
        catch (NetconfFramingException ex)
        {
            LogFramingError(_device.Logger, Id, User.Name, ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (_killed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return 1;
        }
        finally
        {
            Table.Close(Id);
        }
    }

    public void Dispose()
    {
        _login?.Dispose();
        _killed.Dispose();
    }

    private XElement Hello()
    {
        var nc = NetconfNamespaces.Base;
        return new XElement(nc + "hello",
            new XElement(nc + "capabilities", Capabilities.Select(c => new XElement(nc + "capability", c))),
            new XElement(nc + "session-id", Id));
    }

    /// <summary>RFC 6241 8.1: the client's hello, with base:1.1 in both hellos switching to chunked framing (RFC 6242 4.1).</summary>
    private async ValueTask<bool> ReadClientHelloAsync(CancellationToken cancellationToken)
    {
        var text = await _framing.ReadMessageAsync(cancellationToken);
        if (text is null)
        {
            return false;
        }

        XElement hello;
        try
        {
            hello = NetconfXml.Parse(text);
        }
        catch (XmlException ex)
        {
            LogBadHello(_device.Logger, Id, User.Name, ex.Message);
            return false;
        }

        var nc = NetconfNamespaces.Base;
        if (hello.Name != nc + "hello" || hello.Element(nc + "session-id") is not null)
        {
            // A client hello carrying a session-id is a protocol error: the server ends the session (8.1).
            LogBadHello(_device.Logger, Id, User.Name, "not a client hello");
            return false;
        }

        var capabilities = hello.Element(nc + "capabilities")?.Elements(nc + "capability").Select(c => c.Value.Trim()).ToList() ?? [];
        if (!capabilities.Any(c => c.StartsWith("urn:ietf:params:netconf:base:", StringComparison.Ordinal)))
        {
            LogBadHello(_device.Logger, Id, User.Name, "no base capability");
            return false;
        }

        if (capabilities.Contains(Base11))
        {
            _framing.Mode = NetconfFramingMode.Chunked;
        }

        return true;
    }

    private async ValueTask<XElement> HandleAsync(string text, CancellationToken cancellationToken)
    {
        var nc = NetconfNamespaces.Base;
        XElement rpc;
        try
        {
            rpc = NetconfXml.Parse(text);
        }
        catch (XmlException ex)
        {
            return ErrorReply(null, RpcErrorException.Malformed("Malformed XML: " + ex.Message));
        }

        if (rpc.Name.LocalName != "rpc" || rpc.Name.Namespace != nc)
        {
            return ErrorReply(null, rpc.Name.LocalName == "rpc"
                ? RpcErrorException.UnknownNamespace("rpc", rpc.Name.NamespaceName)
                : RpcErrorException.UnknownElement("rpc", rpc.Name.LocalName));
        }

        if (rpc.Attribute("message-id") is null)
        {
            return ErrorReply(rpc, new RpcErrorException("rpc", "missing-attribute", "Missing attribute message-id.")
            {
                Info = [("bad-attribute", "message-id"), ("bad-element", "rpc")],
            });
        }

        var operations = rpc.Elements().ToList();
        if (operations.Count != 1)
        {
            return ErrorReply(rpc, RpcErrorException.Malformed("An rpc must hold exactly one operation."));
        }

        try
        {
            var result = await NetconfOperations.RunAsync(this, operations[0], cancellationToken);
            return Reply(rpc, result ?? new XElement(nc + "ok"));
        }
        catch (RpcErrorException error)
        {
            return ErrorReply(rpc, error);
        }
        catch (RpcErrorsException errors)
        {
            return Reply(rpc, [.. errors.Errors.Select(e => e.ToXml())]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault in one operation costs that rpc, never the session or the device.
            LogOperationFault(_device.Logger, ex, Id, operations[0].Name.LocalName);
            return ErrorReply(rpc, RpcErrorException.OperationFailed("Internal error."));
        }
    }

    /// <summary>close-session: the reply goes out, then the session ends.</summary>
    internal void Close() => _closing = true;

    private static XElement Reply(XElement rpc, params object[] content)
    {
        var reply = new XElement(NetconfNamespaces.Base + "rpc-reply", rpc.Attributes().Where(a => !a.IsNamespaceDeclaration || a.Name.LocalName != "xmlns"));
        reply.Add(content);
        return reply;
    }

    private static XElement ErrorReply(XElement? rpc, RpcErrorException error)
    {
        var reply = rpc is null ? new XElement(NetconfNamespaces.Base + "rpc-reply") : Reply(rpc);
        reply.Add(error.ToXml());
        return reply;
    }

    [LoggerMessage(LogLevel.Information, "netconf session {Id} of {User} ended: bad framing ({Reason})")]
    private static partial void LogFramingError(ILogger logger, int id, string user, string reason);

    [LoggerMessage(LogLevel.Error, "netconf session {Id}: operation {Operation} failed")]
    private static partial void LogOperationFault(ILogger logger, Exception exception, int id, string operation);

    [LoggerMessage(LogLevel.Information, "netconf session of {User} refused: all user interfaces are used")]
    private static partial void LogNoFreeLine(ILogger logger, string user);

    [LoggerMessage(LogLevel.Information, "netconf session {Id} of {User} ended: bad hello ({Reason})")]
    private static partial void LogBadHello(ILogger logger, int id, string user, string reason);
}

/// <summary>Several errors in one reply (continue-on-error).</summary>
public sealed class RpcErrorsException(IReadOnlyList<RpcErrorException> errors) : Exception(errors.Count > 0 ? errors[0].Message : "")
{
    public IReadOnlyList<RpcErrorException> Errors { get; } = errors;
}
