using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using Emulator.Ssh.Kex;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Logging;

namespace Emulator.Ssh.Transport;

/// <summary>
/// The server side of the SSH transport layer (RFC 4253) as an <see cref="IPacketConnection"/>: version exchange,
/// the first key exchange, rekeying initiated by either side, and the generic messages. It consumes IGNORE, DEBUG,
/// UNIMPLEMENTED, EXT_INFO and DISCONNECT itself and passes every other message up unchanged; answering message
/// numbers nobody implements with UNIMPLEMENTED is the job of the layer above (userauth/connection dispatch),
/// through <see cref="SendUnimplementedAsync"/>.
/// </summary>
internal sealed partial class SshTransport : IPacketConnection
{
    private readonly SshPacketStream _packets;
    private readonly TransportSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>Orders "check kex state, then send": nothing from above slips out between our KEXINIT and NEWKEYS.</summary>
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _stateLock = new();

    // Guarded by _stateLock: upper-layer payloads held back while a key exchange runs.
    private readonly Queue<(byte[] Buffer, int Length)> _held = new();
    private int _heldBytes;
    private bool _kexInProgress;

    // Touched by the reading task only: upper-layer payloads the peer sent during a re-exchange.
    private readonly Queue<byte[]> _receivedDuringKex = new();
    private int _receivedDuringKexBytes;
    private TaskCompletionSource? _kexFinished;

    private KexInitMessage? _ourKexInit;
    private bool _firstKexDone;
    private bool _strictKex;
    private bool _clientWantsExtInfo;
    private bool _packetsBeforeKexInit;
    private int _closed;
    private SshDisconnectException? _goodbye;
    private bool _authenticated;
    private int _keyExchangesBeforeAuthentication;
    private ITimer? _rekeyTimer;

    private SshTransport(IDuplexPipe pipe, TransportSettings settings)
    {
        _packets = new SshPacketStream(pipe);
        _settings = settings;
        _logger = settings.Logger;
    }

    /// <summary>The client's identification line, e.g. "SSH-2.0-OpenSSH_9.2p1 Debian-2" (for logs).</summary>
    public string ClientIdentification { get; private set; } = "";

    /// <summary>Algorithms of the most recent key exchange.</summary>
    public NegotiatedAlgorithms Algorithms { get; private set; } = null!;

    public ReadOnlyMemory<byte> SessionId { get; private set; }

    /// <summary>Whether strict key exchange (Terrapin countermeasure) is in force.</summary>
    public bool IsStrictKex => _strictKex;

    /// <summary>
    /// Runs the server side of version exchange and the first key exchange. Returns once both NEWKEYS are through
    /// (and EXT_INFO sent when the client asked for it). On failure the connection is closed (with DISCONNECT
    /// or "Protocol mismatch." where possible) and the exception is rethrown.
    /// </summary>
    public static async Task<SshTransport> AcceptAsync(IDuplexPipe pipe, TransportSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(settings);
        var transport = new SshTransport(pipe, settings);
        try
        {
            await transport.HandshakeAsync(cancellationToken);
            return transport;
        }
        catch (Exception e)
        {
            await transport.AbortAsync(e);
            throw;
        }
    }

    /// <summary>
    /// Sends our identification (written, not yet flushed) now unless the client's first line is already here. Clients
    /// send theirs as soon as they connect, so it usually is: our identification then leaves in one TCP segment with
    /// what answers that line (KEXINIT, or "Protocol mismatch." as OpenSSH says it), one send less per connection.
    /// A client that waits for us first, or whose line is incomplete, gets our identification at once.
    /// </summary>
    private async ValueTask AwaitClientIdentificationLineAsync(CancellationToken cancellationToken)
    {
        var input = _packets.Input;
        var first = input.ReadAsync(cancellationToken);
        var alreadyHere = first.IsCompleted;
        if (!alreadyHere)
        {
            await SendIdentificationAsync();
        }

        var buffer = (await first).Buffer;
        // Only a version line that is complete is answered at once; a client sending other lines first may wait for us.
        var versionLineHere = buffer.FirstSpan.StartsWith("SSH-"u8) && buffer.PositionOf((byte)'\n') is not null;
        // Nothing consumed or examined: VersionExchange reads the same bytes again.
        input.AdvanceTo(buffer.Start);
        if (alreadyHere && !versionLineHere)
        {
            await SendIdentificationAsync();
        }

        // The identification is already written: an empty raw write flushes it.
        ValueTask SendIdentificationAsync() => _packets.WriteRawAsync(ReadOnlyMemory<byte>.Empty, cancellationToken);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        VersionExchange.ValidateOwn(_settings.IdentificationString);
        await _packets.WriteRawAsync(Encoding.ASCII.GetBytes(_settings.IdentificationString + "\r\n"), cancellationToken, flush: false);
        await AwaitClientIdentificationLineAsync(cancellationToken);
        try
        {
            ClientIdentification = await VersionExchange.ReadAsync(_packets.Input, cancellationToken);
        }
        catch (SshDisconnectException e) when (e.Reason == DisconnectReason.ProtocolVersionNotSupported)
        {
            // Not SSH-2: tell the peer in plain text, as OpenSSH does.
            await _packets.WriteRawAsync(Encoding.ASCII.GetBytes(VersionExchange.MismatchMessage + "\r\n"), cancellationToken);
            throw;
        }

        await StartKexAsync(cancellationToken);
        while (true)
        {
            var payload = await _packets.ReadAsync(cancellationToken);
            switch (payload.Span[0])
            {
                case MessageNumbers.KexInit:
                    await RunKexAsync(payload, cancellationToken);
                    StartRekeyTimer();
                    LogHandshake(_logger, LogText.Escape(ClientIdentification), Algorithms.KeyExchange, Algorithms.HostKey, Algorithms.CipherServerToClient, Algorithms.MacServerToClient, _strictKex);
                    _settings.Metrics?.OnHandshake(Algorithms.KeyExchange, Algorithms.CipherServerToClient, Algorithms.HostKey);
                    return;
                case MessageNumbers.Disconnect:
                    throw PeerDisconnected(payload.Span);
                case MessageNumbers.Ignore or MessageNumbers.Debug or MessageNumbers.Unimplemented:
                    _packetsBeforeKexInit = true;
                    continue;
                default:
                    throw new SshDisconnectException(DisconnectReason.ProtocolError, $"expected KEXINIT, got message {payload.Span[0]}");
            }
        }
    }

    /// <inheritdoc />
    public string? PeerGoodbye { get; private set; }

    public int ReleaseIdleState() => _packets.ReleaseIdleCipherState();

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var payload = await ReadPacketOrEndAsync(cancellationToken);
        return payload.IsEmpty ? throw _goodbye! : payload;
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketOrEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeKeptPayload(out var kept))
            {
                return kept;
            }

            var payload = await _packets.ReadOrEndAsync(cancellationToken);
            if (payload.IsEmpty)
            {
                return SayGoodbye(SshPacketStream.ClosedByPeer());
            }

            var number = payload.Span[0];
            switch (number)
            {
                case MessageNumbers.Disconnect:
                    return SayGoodbye(PeerDisconnected(payload.Span));
                case MessageNumbers.Ignore or MessageNumbers.ExtInfo:
                    continue;
                case MessageNumbers.Debug:
                    LogPeerDebug(_logger, DebugText(payload.Span));
                    continue;
                case MessageNumbers.Unimplemented:
                    LogPeerUnimplemented(_logger, payload.Length >= 5 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload.Span[1..]) : 0);
                    continue;
                case MessageNumbers.KexInit:
                    await RunKexAsync(payload, cancellationToken);
                    continue;
                case MessageNumbers.NewKeys or (>= 30 and <= 49):
                    throw new SshDisconnectException(DisconnectReason.ProtocolError, $"key exchange message {number} outside a key exchange");
                default:
                    if (RekeyDue)
                    {
                        await StartKexAsync(cancellationToken);
                    }

                    return payload;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WritePacketAsync(payload, flush: true, cancellationToken);

    /// <inheritdoc />
    public ValueTask WritePacketBeforeAnotherAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WritePacketAsync(payload, flush: false, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, bool flush, CancellationToken cancellationToken)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("empty payload", nameof(payload));
        }

        while (true)
        {
            Task? kexFinished = null;
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                ThrowIfClosed();
                lock (_stateLock)
                {
                    if (_kexInProgress)
                    {
                        if (MayHold(payload.Span[0], payload.Length))
                        {
                            var copy = ArrayPool<byte>.Shared.Rent(payload.Length);
                            payload.Span.CopyTo(copy);
                            _held.Enqueue((copy, payload.Length));
                            _heldBytes += payload.Length;
                            return;
                        }

                        // Channel data over the bound waits for the exchange to end instead of growing the queue.
                        kexFinished = _kexFinished!.Task;
                    }
                }

                if (kexFinished is null)
                {
                    await _packets.WriteAsync(payload, flush, cancellationToken);
                    if (RekeyDue)
                    {
                        await SendKexInitLockedAsync(cancellationToken);
                    }

                    return;
                }
            }
            finally
            {
                _sendLock.Release();
            }

            await kexFinished.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask WaitForSendRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task finished;
            lock (_stateLock)
            {
                if (!_kexInProgress || _heldBytes < _settings.MaxQueuedBytesDuringRekey)
                {
                    return;
                }

                finished = _kexFinished!.Task;
            }

            await finished.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sequence number of the packet last returned by <see cref="ReadPacketAsync"/> (what UNIMPLEMENTED quotes).</summary>
    public uint LastReceivedSequenceNumber => _packets.ReadSequence - 1;

    /// <inheritdoc />
    public ValueTask SendUnimplementedAsync(CancellationToken cancellationToken) =>
        WritePacketAsync(new UnimplementedMessage(LastReceivedSequenceNumber).ToPayload(), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Call after USERAUTH_SUCCESS has been written and before the next read.</remarks>
    public void OnAuthenticated()
    {
        _authenticated = true;
        _packets.ActivateDelayedCompression();
    }

    /// <inheritdoc />
    public async ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await SendDisconnectAsync(reason, description, cancellationToken);
        await CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        await CloseAsync();
        await _packets.DisposeAsync();
        _lifetime.Dispose();
        lock (_stateLock)
        {
            while (_held.TryDequeue(out var item))
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }

            _kexFinished?.TrySetCanceled();
        }
    }

    /// <summary>
    /// Whether a payload may join the queue held during a key exchange. Channel data (the bulk) is bounded by its
    /// senders, which wait in <see cref="WaitForSendRoomAsync"/> once MaxQueuedBytesDuringRekey is held, outside their
    /// channel locks (waiting here, under such a lock, deadlocked the reading loop when it needed that lock to answer a
    /// channel request); only past twice the bound does a write wait here. Control messages are small answers to client
    /// messages, often written by the very loop that must read the client's kex messages, so they never wait; a client
    /// that provokes more than twice the bound of them before finishing the exchange is dropped.
    /// </summary>
    private bool MayHold(byte number, int length)
    {
        var bound = _settings.MaxQueuedBytesDuringRekey;
        if (number is not (MessageNumbers.ChannelData or MessageNumbers.ChannelExtendedData))
        {
            return _heldBytes + length <= 2L * bound
                ? true
                : throw new SshDisconnectException(DisconnectReason.ProtocolError, "too much traffic queued while the key exchange is pending");
        }

        return _heldBytes + length <= 2L * bound || _heldBytes == 0;
    }

    private bool RekeyDue =>
        _firstKexDone && !_kexInProgress
        && (_packets.BytesReadSinceKeys >= _settings.RekeyAfterBytes || _packets.BytesWrittenSinceKeys >= _settings.RekeyAfterBytes);

    private async ValueTask SendDisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        var payload = new DisconnectMessage(reason, description).ToPayload();

        // A peer that stopped reading must not hold the close up for long.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            if (await _sendLock.WaitAsync(TimeSpan.FromSeconds(2), timeout.Token))
            {
                try
                {
                    await _packets.WriteAsync(payload, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SshDisconnectException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            LogDisconnectNotSent(_logger, e.Message);
        }
    }

    private async ValueTask CloseAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync();
        }

        _rekeyTimer?.Dispose();
        _packets.CancelPendingRead();
        await _packets.CompleteOutputAsync();
    }

    /// <summary>Ends a connection whose handshake failed: DISCONNECT with the reason when we detected the error.</summary>
    private async ValueTask AbortAsync(Exception error)
    {
        try
        {
            if (error is SshDisconnectException { Reason: not DisconnectReason.ProtocolVersionNotSupported and not DisconnectReason.ConnectionLost, ByPeer: false } e)
            {
                await SendDisconnectAsync(e.Reason, e.Message, CancellationToken.None);
            }
        }
        finally
        {
            // Whatever the goodbye did, the connection's pipes and keys are released.
            await DisposeAsync();
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            throw new SshDisconnectException(DisconnectReason.ConnectionLost, "connection closed");
        }
    }

    private const string PeerDisconnectPrefix = "peer disconnected";

    /// <summary>Records how the peer ended the connection and returns the empty payload that says so.</summary>
    private ReadOnlyMemory<byte> SayGoodbye(SshDisconnectException goodbye)
    {
        _goodbye = goodbye;
        PeerGoodbye = goodbye.Message;
        return ReadOnlyMemory<byte>.Empty;
    }

    private static SshDisconnectException PeerDisconnected(ReadOnlySpan<byte> payload)
    {
        var message = DisconnectMessage.Parse(payload, out var code);
        return new SshDisconnectException(message.Reason, $"{PeerDisconnectPrefix} ({code}): {Sanitize(message.Description)}") { ByPeer = true };
    }

    private static string DebugText(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload[1..]);
        reader.ReadBoolean();
        return Sanitize(reader.ReadUtf8String());
    }

    private static string Sanitize(string text) => LogText.Escape(text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH handshake with '{Client}': kex {Kex}, host key {HostKey}, cipher {Cipher}, mac {Mac}, strict {Strict}")]
    private static partial void LogHandshake(ILogger logger, string client, string kex, string hostKey, string cipher, string mac, bool strict);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH peer debug message: {Text}")]
    private static partial void LogPeerDebug(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH peer did not implement our packet {Sequence}")]
    private static partial void LogPeerUnimplemented(ILogger logger, uint sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH DISCONNECT not sent: {Reason}")]
    private static partial void LogDisconnectNotSent(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH rekey: {Kex} done ({Trigger})")]
    private static partial void LogRekey(ILogger logger, string kex, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH rekey could not start: {Reason}")]
    private static partial void LogRekeyFailed(ILogger logger, string reason);
}
