using System.Buffers;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Logging;

namespace Emulator.Ssh.Connection;

/// <summary>
/// The "ssh-connection" service (RFC 4254) after authentication: global requests, channel opens and the routing
/// of channel messages by recipient id. It reads packets in order and never waits for an application, so one
/// slow or failing channel cannot stall or break the others.
/// </summary>
internal sealed partial class ConnectionService
{
    /// <summary>Sessions open at once on one connection (OpenSSH MaxSessions).</summary>
    public const int MaxChannels = 10;

    private readonly ChannelContext _context;
    private readonly IPacketConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    // At most MaxChannels each, so small lists beat dictionaries: two ConcurrentDictionaries cost an idle connection
    // about 1 KB (buckets, per-processor locks) for its one channel. _channels is touched by the reading loop only;
    // _running also by each channel's application when it ends (Retire), so it is guarded by its own lock.
    private readonly List<SessionChannel> _channels = new(1);
    private readonly List<SessionChannel> _running = new(1);
    private uint _nextChannelId;
    private bool _noMoreSessions;
    private long _lastActivity;
    // While the server stops the connection (see DrainAsync): cancelled when its time is up or no channel is left.
    private CancellationTokenSource? _draining;

    public ConnectionService(IPacketConnection connection, string userName, string connectionId, SshConnectionInfo info,
        ISessionHandler handler, TimeProvider timeProvider, TimeSpan idleTimeout, ILogger logger)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _context = new ChannelContext(connection, userName, connectionId, info.RemoteEndPoint, info.LocalEndPoint, handler, logger, Touch, Retire);
        _lastActivity = timeProvider.GetTimestamp();
    }

    /// <summary>Runs until the peer says goodbye (returns; <see cref="IPacketConnection.PeerGoodbye"/> says how), a protocol rule
    /// is broken (<see cref="SshDisconnectException"/>), the idle timeout passes (also <see cref="SshDisconnectException"/>) or
    /// <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A token source of its own only for the idle timeout: without one, an idle connection holds no extra registration.
        using var loop = _idleTimeout > TimeSpan.Zero ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        var token = loop?.Token ?? cancellationToken;
        var idleWatch = loop is not null ? WatchIdleAsync(loop) : Task.CompletedTask;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> packet;
                try
                {
                    packet = await _connection.ReadPacketOrEndAsync(token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new SshDisconnectException(DisconnectReason.ByApplication, "idle timeout");
                }

                if (packet.IsEmpty)
                {
                    return;
                }

                Touch();
                await DispatchAsync(packet, token);
            }
        }
        finally
        {
            if (loop is not null)
            {
                await loop.CancelAsync();
            }

            await idleWatch;
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopped by the server (shutdown, a device's reboot) while the client is still there.
                await DrainAsync();
            }

            // Whatever is left (the connection lost or broken, or the drain out of time) sends nothing more.
            await StopChannelsAsync();
        }
    }

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (packet.IsEmpty)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "empty message");
        }

        var number = packet.Span[0];
        switch (MessageRouter.Route(ProtocolPhase.Authenticated, number))
        {
            case MessageRoute.Drop:
            case MessageRoute.LateUserAuthRequest:
                return;
            case MessageRoute.PeerDisconnect:
                throw new SshDisconnectException(DisconnectReason.ConnectionLost, "peer disconnected");
            case MessageRoute.GlobalRequest:
                await OnGlobalRequestAsync(packet, cancellationToken);
                return;
            case MessageRoute.ChannelOpen:
                await OnChannelOpenAsync(packet, cancellationToken);
                return;
            case MessageRoute.Channel:
                await OnChannelMessageAsync(number, packet, cancellationToken);
                return;
            case MessageRoute.Unimplemented:
                await _connection.SendUnimplementedAsync(cancellationToken);
                return;
            default:
                throw new SshDisconnectException(DisconnectReason.ProtocolError, $"unexpected message {number}");
        }
    }

    private async ValueTask OnGlobalRequestAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var (name, wantReply) = GlobalRequestMessage.Parse(packet.Span);
        if (name == "no-more-sessions@openssh.com")
        {
            _noMoreSessions = true;
        }

        // keepalive@openssh.com only wants an answer, any answer; tcpip-forward and the rest are not offered.
        if (wantReply)
        {
            await _connection.WritePacketAsync(RequestFailureMessage.Instance.ToPayload(), cancellationToken);
        }
    }

    private async ValueTask OnChannelOpenAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var (type, sender, window, maxPacket) = ChannelOpenMessage.Parse(packet.Span);
        var (reason, text) = type switch
        {
            "session" when _noMoreSessions => (ChannelOpenFailure.AdministrativelyProhibited, "no more sessions"),
            "session" when _channels.Count >= MaxChannels => (ChannelOpenFailure.ResourceShortage, "too many channels"),
            "session" => ((ChannelOpenFailure?)null, ""),
            "direct-tcpip" or "forwarded-tcpip" or "x11" or "auth-agent@openssh.com" or "direct-streamlocal@openssh.com" =>
                (ChannelOpenFailure.AdministrativelyProhibited, "forwarding is disabled"),
            _ => (ChannelOpenFailure.UnknownChannelType, "unknown channel type"),
        };

        if (reason is { } failure)
        {
            LogChannelRefused(_context.Logger, _context.ConnectionId, LogText.Escape(type), LogText.Escape(text));
            await SendOpenFailureAsync(sender, failure, text, cancellationToken);
            return;
        }

        if (maxPacket == 0)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "channel maximum packet size of zero");
        }

        var id = _nextChannelId++;
        var channel = new SessionChannel(_context, id, sender, window, maxPacket);
        _channels.Add(channel);
        lock (_running)
        {
            _running.Add(channel);
        }

        var confirmation = new ChannelOpenConfirmationMessage(sender, id, SessionChannel.LocalWindowSize, SessionChannel.LocalMaxPacket);
        await _connection.WritePacketAsync(confirmation.ToPayload(), cancellationToken);
    }

    private async ValueTask OnChannelMessageAsync(byte number, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var (recipient, channel) = FindChannel(packet.Span);
        switch (number)
        {
            case MessageNumbers.ChannelWindowAdjust:
                channel.OnWindowAdjust(ChannelWindowAdjustMessage.Parse(packet.Span).BytesToAdd);
                break;
            case MessageNumbers.ChannelData:
                await channel.OnDataAsync(ReadData(packet.Span, extended: false));
                break;
            case MessageNumbers.ChannelExtendedData:
                await channel.OnExtendedDataAsync(ReadData(packet.Span, extended: true).Length, cancellationToken);
                break;
            case MessageNumbers.ChannelEof:
                ChannelSignalMessage.EnsureNoTrailingBytes(packet.Span);
                channel.OnEof();
                break;
            case MessageNumbers.ChannelClose:
                ChannelSignalMessage.EnsureNoTrailingBytes(packet.Span);
                _channels.Remove(channel);
                await channel.OnCloseAsync();
                Retire(channel);

                break;
            case MessageNumbers.ChannelRequest:
                var request = ChannelRequestMessage.Parse(packet);
                await channel.OnRequestAsync(request.RequestType, request.WantReply, request.Data, cancellationToken);
                break;
            default:
                // CHANNEL_SUCCESS / CHANNEL_FAILURE: this server never sends a request that wants a reply.
                throw new SshDisconnectException(DisconnectReason.ProtocolError, $"unexpected channel message {number}");
        }
    }

    private (uint Recipient, SessionChannel Channel) FindChannel(ReadOnlySpan<byte> packet)
    {
        var reader = new SshReader(packet);
        reader.ReadByte();
        var recipient = reader.ReadUInt32();
        foreach (var channel in _channels)
        {
            if (channel.LocalId == recipient)
            {
                return (recipient, channel);
            }
        }

        throw new SshDisconnectException(DisconnectReason.ProtocolError, $"message for unknown channel {recipient}");
    }

    private static ReadOnlySpan<byte> ReadData(ReadOnlySpan<byte> packet, bool extended)
    {
        var reader = new SshReader(packet);
        reader.ReadBytes(extended ? 9 : 5);
        var data = reader.ReadString();
        reader.EnsureAtEnd();
        return data;
    }

    private ValueTask SendOpenFailureAsync(uint recipient, ChannelOpenFailure reason, string text, CancellationToken cancellationToken) =>
        _connection.WritePacketAsync(new ChannelOpenFailureMessage(recipient, reason, text).ToPayload(), cancellationToken);

    /// <summary>Forgets a channel once both its application has finished and the client has closed it.</summary>
    private void Retire(SessionChannel channel)
    {
        if (channel.CloseReceived && (!channel.Started || channel.Finished))
        {
            lock (_running)
            {
                _running.Remove(channel);
                if (_running.Count == 0 && _draining is { } draining)
                {
                    // Callbacks run on the thread pool: the drain's pending read ends without this thread waiting.
                    _ = draining.CancelAsync();
                }
            }

            channel.Dispose();
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    private async Task WatchIdleAsync(CancellationTokenSource loop)
    {
        try
        {
            while (true)
            {
                var idle = _timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity));
                if (idle >= _idleTimeout)
                {
                    LogIdle(_context.Logger, _context.ConnectionId);
                    await loop.CancelAsync();
                    return;
                }

                await Task.Delay(_idleTimeout - idle, _timeProvider, loop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The server stops (shutdown, a device's reboot) while the client is still there. Each application is stopped; the
    /// output it wrote still leaves and its channel closes as usual (exit-status, EOF, CLOSE), and the client may answer
    /// each CLOSE before the DISCONNECT, all within <see cref="SessionChannel.DrainTime"/>. Packets are still read
    /// meanwhile: a window adjust lets held output out, and a CLOSE answers ours. OpenSSH's client exits on a DISCONNECT
    /// at once, without writing out the channel data it read in the same turn: a client a little behind the server (a
    /// loaded machine) lost a whole session's output at a reboot. Answering our CLOSE, it has written everything.
    /// </summary>
    private async Task DrainAsync()
    {
        SessionChannel[] running;
        CancellationTokenSource draining;
        lock (_running)
        {
            running = [.. _running];
            _draining = draining = new CancellationTokenSource(SessionChannel.DrainTime, _timeProvider);
        }

        foreach (var channel in running)
        {
            channel.Abort(drainOutput: true);
        }

        try
        {
            while (RunningCount > 0)
            {
                var packet = await _connection.ReadPacketOrEndAsync(draining.Token);
                if (packet.IsEmpty)
                {
                    return;
                }

                // New channels, requests and data get no answer now: only what lets channels end cleanly is handled.
                if (packet.Span[0] is MessageNumbers.ChannelWindowAdjust or MessageNumbers.ChannelEof or MessageNumbers.ChannelClose)
                {
                    await OnChannelMessageAsync(packet.Span[0], packet, draining.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SshDisconnectException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Out of time, no channel left, or the client gone or broken: the DISCONNECT follows anyway.
        }
        finally
        {
            lock (_running)
            {
                _draining = null;
            }

            draining.Dispose();
        }
    }

    private int RunningCount
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Stops every channel still running; nothing more is sent for them.</summary>
    private async Task StopChannelsAsync()
    {
        SessionChannel[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        foreach (var channel in running)
        {
            channel.Abort();
        }

        foreach (var channel in running)
        {
            await channel.Completion;
        }

        foreach (var channel in running)
        {
            channel.Dispose();
        }

        _channels.Clear();
        lock (_running)
        {
            _running.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: refused {Type} channel: {Reason}")]
    private static partial void LogChannelRefused(ILogger logger, string connectionId, string type, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: idle timeout")]
    private static partial void LogIdle(ILogger logger, string connectionId);
}

/// <summary>RFC 4254 5.1 reason codes.</summary>
internal enum ChannelOpenFailure : uint
{
    AdministrativelyProhibited = 1,
    ConnectFailed = 2,
    UnknownChannelType = 3,
    ResourceShortage = 4,
}
