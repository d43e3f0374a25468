using System.IO.Pipelines;
using System.Net;

namespace Emulator.Ssh;

/// <summary>Runs what a client asked for on a "session" channel (shell, exec or a subsystem).</summary>
public interface ISessionHandler
{
    /// <summary>Runs until the program ends; the result is sent as exit-status (null: none). Cancelled when the channel or connection closes.</summary>
    Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a subsystem (e.g. "sftp", "netconf") is available to this user on this connection; the channel
    /// request fails otherwise. Asynchronous because the answer may depend on state that loads on first use.
    /// </summary>
    ValueTask<bool> SupportsSubsystemAsync(SubsystemRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

public enum SshSessionKind { Shell, Exec, Subsystem }

/// <summary>A subsystem request as the handler sees it before accepting it.</summary>
public sealed record SubsystemRequest(string Name, string UserName, EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint);

/// <summary>One session channel as the application sees it: a duplex byte stream plus terminal facts.</summary>
public sealed class SshSession
{
    public required string UserName { get; init; }
    public required string ConnectionId { get; init; }
    public EndPoint? RemoteEndPoint { get; init; }
    public EndPoint? LocalEndPoint { get; init; }
    public required SshSessionKind Kind { get; init; }

    /// <summary>The exec command line or the subsystem name.</summary>
    public string? Command { get; init; }

    /// <summary>Set when the client sent pty-req.</summary>
    public PseudoTerminal? Terminal { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Channel data from the client (stdin). Completes on EOF.</summary>
    public required PipeReader Input { get; init; }

    /// <summary>Channel data to the client (stdout). Flow control (window) is applied by FlushAsync.</summary>
    public required PipeWriter Output { get; init; }

    /// <summary>Extended data type 1 (stderr).</summary>
    public required PipeWriter ErrorOutput { get; init; }

    /// <summary>window-change and signal requests, in order (unless <see cref="HandleEvents"/> takes them).</summary>
    public required IAsyncEnumerable<SessionEvent> Events { get; init; }

    internal Action<Action<SessionEvent>>? EventSubscriber { get; init; }

    /// <summary>
    /// Hands every later window-change and signal to <paramref name="handler"/> as it arrives, on the connection's
    /// reading loop (so the handler must be quick and must not block), instead of queuing it for <see cref="Events"/>;
    /// events queued before go first. Cheaper than a task waiting on <see cref="Events"/> for the session's lifetime.
    /// </summary>
    public void HandleEvents(Action<SessionEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscribe = EventSubscriber ?? throw new InvalidOperationException("this session cannot deliver events to a handler");
        subscribe(handler);
    }
}

public sealed record PseudoTerminal(string TermType, int Columns, int Rows, ReadOnlyMemory<byte> Modes);

public abstract record SessionEvent;

public sealed record WindowChanged(int Columns, int Rows) : SessionEvent;

public sealed record SignalReceived(string Name) : SessionEvent;
