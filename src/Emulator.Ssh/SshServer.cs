using System.IO.Pipelines;
using System.Net;
using System.Runtime.ExceptionServices;
using Emulator.Ssh.Auth;
using Emulator.Ssh.Connection;
using Emulator.Ssh.Transport;
using Microsoft.Extensions.Logging;

namespace Emulator.Ssh;

/// <summary>
/// One SSH server (one device). The caller owns listening sockets and hands each accepted
/// connection to <see cref="HandleConnectionAsync"/>; the returned task is the connection's lifetime.
/// </summary>
public sealed partial class SshServer
{
    private readonly Func<SshServerOptions> _options;
    private readonly TransportAcceptor _acceptTransport;
    private readonly SignatureVerifier _verifySignature;
    private readonly PreAuthAdmission _admission = new();
    private int _connectionCount;
    private long _nextConnectionNumber;
    private IdleStateSweeper? _idleSweeper;

    /// <param name="options">Read once per new connection, so settings changed at run time apply to the next login.</param>
    public SshServer(Func<SshServerOptions> options)
        : this(options, AcceptTransportAsync, UserKeySignatures.Verify)
    {
    }

    public SshServer(SshServerOptions options) : this(() => options) { }

    /// <summary>Lets tests run the upper layers over an in-memory packet connection.</summary>
    internal SshServer(Func<SshServerOptions> options, TransportAcceptor acceptTransport, SignatureVerifier verifySignature)
    {
        _options = options;
        _acceptTransport = acceptTransport;
        _verifySignature = verifySignature;
    }

    /// <summary>Active connections on this server.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Cipher contexts and other rebuildable state let go by idle logged-in connections so far.</summary>
    internal long IdleStateReleased => Volatile.Read(ref _idleSweeper)?.Released ?? 0;

    /// <summary>Connections that have not yet authenticated (bounded by <see cref="SshServerOptions.MaxUnauthenticatedConnections"/>).</summary>
    public int UnauthenticatedConnectionCount => _admission.Count;

    /// <summary>Runs one connection: version exchange, key exchange, authentication, channels, until either side closes.
    /// Never throws for protocol errors of the peer; they end this connection only. Cancelling ends it with a DISCONNECT by application.</summary>
    public async Task HandleConnectionAsync(SshConnectionInfo connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Interlocked.Increment(ref _connectionCount);
        var options = _options();
        options.Metrics?.OnConnection(accepted: true);
        var logger = options.ServerLogger;
        try
        {
            var connectionId = $"ssh-{Interlocked.Increment(ref _nextConnectionNumber)}@{connection.RemoteEndPoint}";
            await RunAsync(connection, options, connectionId, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The contract is that a connection's task never faults: whatever the peer did ends only this connection.
            LogUnexpected(logger, ex, connection.RemoteEndPoint);
        }
        finally
        {
            Interlocked.Decrement(ref _connectionCount);
        }
    }

    private async Task RunAsync(SshConnectionInfo info, SshServerOptions options, string connectionId, ILogger logger, CancellationToken cancellationToken)
    {
        // The login phase runs in a method of its own: its slots, timer and token sources are gone once it returns,
        // instead of staying referenced by this method for as long as the session lasts.
        var (packets, user, failure) = await LogInAsync(info, options, connectionId, logger, cancellationToken);
        if (packets is null)
        {
            return;
        }

        await using (packets)
        {
            using var swept = IdleSweeper(options).Track(packets);
            try
            {
                failure?.Throw();
                var service = new ConnectionService(packets, user!, connectionId, info, options.Sessions, options.TimeProvider, options.IdleTimeout, logger);
                await service.RunAsync(cancellationToken);

                // The usual end of every session: logged only at Debug, and a DISCONNECT is not answered (RFC 4253 11.1).
                LogPeerClosed(logger, connectionId, LogText.Escape(packets.PeerGoodbye ?? "connection closed by peer", LogText.MaxMessageLength));
            }
            catch (SshDisconnectException ex) when (ex.ByPeer)
            {
                LogPeerClosed(logger, connectionId, LogText.Escape(ex.Message, LogText.MaxMessageLength));
            }
            catch (SshDisconnectException ex)
            {
                LogDisconnect(logger, connectionId, ex.Reason, LogText.Escape(ex.Message, LogText.MaxMessageLength));
                if (ex.Reason != DisconnectReason.ConnectionLost)
                {
                    await DisconnectQuietlyAsync(packets, ex.Reason, ex.Message, options.TimeProvider);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await DisconnectQuietlyAsync(packets, DisconnectReason.ByApplication, "server shutting down", options.TimeProvider);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                LogDisconnect(logger, connectionId, DisconnectReason.ConnectionLost, LogText.Escape(ex.Message, LogText.MaxMessageLength));
            }
        }
    }

    /// <summary>
    /// Version and key exchange, then authentication, within the login grace time and while this connection keeps its
    /// unauthenticated slot. No packets: the transport failed (already logged and closed). Packets with a failure: the
    /// caller ends the connection as that failure says (a DISCONNECT where one is due).
    /// </summary>
    private async Task<(IPacketConnection? Packets, string? User, ExceptionDispatchInfo? Failure)> LogInAsync(
        SshConnectionInfo info, SshServerOptions options, string connectionId, ILogger logger, CancellationToken cancellationToken)
    {
        var source = (info.RemoteEndPoint as IPEndPoint)?.Address;
        if (source is { IsIPv4MappedToIPv6: true })
        {
            source = source.MapToIPv4();
        }

        // Never refuses the newcomer: when the limits are reached an older unauthenticated connection makes room.
        using var own = _admission.Admit(source, options.MaxUnauthenticatedConnections, options.MaxUnauthenticatedConnectionsPerSource, out _);
        using var sharedSlot = options.SharedUnauthenticatedLimit is { } shared
            ? shared.Admission.Admit(source, shared.MaxTotal, shared.MaxPerSource, out _)
            : null;
        var unauthenticated = new PreAuthSlots(own, sharedSlot);
        using var graceTimer = options.LoginGraceTime > TimeSpan.Zero
            ? new CancellationTokenSource(options.LoginGraceTime, options.TimeProvider)
            : new CancellationTokenSource();
        using var grace = sharedSlot is not null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, graceTimer.Token, own.Evicted, sharedSlot.Evicted)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, graceTimer.Token, own.Evicted);

        IPacketConnection packets;
        try
        {
            packets = await _acceptTransport(info, options, grace.Token);
        }
        catch (Exception ex) when (ex is SshDisconnectException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The transport has already said what it had to (or the peer is gone); nothing above it ran yet.
            options.Metrics?.OnHandshakeFailed();
            if (unauthenticated.WasEvicted)
            {
                LogEvicted(logger, connectionId, "key exchange");
            }
            else
            {
                LogTransportFailed(logger, connectionId, LogText.Escape(ex.Message, LogText.MaxMessageLength));
            }

            await CompleteQuietlyAsync(info.Transport);
            return default;
        }

        unauthenticated.OnKeyExchangeDone();
        try
        {
            try
            {
                var auth = new UserAuthService(packets, options, _verifySignature, logger, connectionId);
                return (packets, await auth.AuthenticateAsync(grace.Token), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (unauthenticated.WasEvicted)
                {
                    LogEvicted(logger, connectionId, "authentication");
                    throw new SshDisconnectException(DisconnectReason.TooManyConnections, "too many unauthenticated connections");
                }

                throw new SshDisconnectException(DisconnectReason.ByApplication, "login grace time exceeded");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (packets, null, ExceptionDispatchInfo.Capture(ex));
        }
    }

    /// <summary>Made with the first login's options (their clock); lives as long as the server.</summary>
    private IdleStateSweeper IdleSweeper(SshServerOptions options)
    {
        if (Volatile.Read(ref _idleSweeper) is { } sweeper)
        {
            return sweeper;
        }

        var made = new IdleStateSweeper(options.TimeProvider);
        if (Interlocked.CompareExchange(ref _idleSweeper, made, null) is { } raced)
        {
            made.Dispose();
            return raced;
        }

        return made;
    }

    private static async ValueTask<IPacketConnection> AcceptTransportAsync(SshConnectionInfo connection, SshServerOptions options, CancellationToken cancellationToken) =>
        await SshTransport.AcceptAsync(connection.Transport, options.TransportSettings, cancellationToken);

    /// <summary>A peer that does not read must not hold the connection open: the goodbye gets a few seconds.</summary>
    private static async Task DisconnectQuietlyAsync(IPacketConnection packets, DisconnectReason reason, string description, TimeProvider timeProvider)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), timeProvider);
        try
        {
            await packets.DisconnectAsync(reason, description, timeout.Token);
        }
        catch (Exception ex) when (ex is SshDisconnectException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task CompleteQuietlyAsync(IDuplexPipe pipe)
    {
        await pipe.Output.CompleteAsync();
        await pipe.Input.CompleteAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: dropped during {Phase}: its unauthenticated slot went to a newer connection")]
    private static partial void LogEvicted(ILogger logger, string connectionId, string phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: transport setup failed: {Reason}")]
    private static partial void LogTransportFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: disconnected ({Reason}): {Description}")]
    private static partial void LogDisconnect(ILogger logger, string connectionId, DisconnectReason reason, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{ConnectionId}: closed by the client: {Description}")]
    private static partial void LogPeerClosed(ILogger logger, string connectionId, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "connection from {RemoteEndPoint} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, EndPoint? remoteEndPoint);
}

/// <summary>A connection's slot on its server and, when the server shares a limit with others, on that one too.</summary>
internal readonly record struct PreAuthSlots(PreAuthAdmission.Ticket Own, PreAuthAdmission.Ticket? Shared)
{
    public bool WasEvicted => Own.WasEvicted || Shared?.WasEvicted == true;

    public void OnKeyExchangeDone()
    {
        Own.OnKeyExchangeDone();
        Shared?.OnKeyExchangeDone();
    }
}

/// <summary>Sets up the transport of an accepted connection (version exchange, first key exchange) and returns its packet layer.</summary>
internal delegate ValueTask<IPacketConnection> TransportAcceptor(SshConnectionInfo connection, SshServerOptions options, CancellationToken cancellationToken);

/// <summary>Facts about an accepted connection.</summary>
public sealed record SshConnectionInfo(EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint, IDuplexPipe Transport);
