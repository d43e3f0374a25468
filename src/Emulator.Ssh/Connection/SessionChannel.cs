using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Logging;

namespace Emulator.Ssh.Connection;

/// <summary>What every channel of one authenticated connection shares.</summary>
internal sealed record ChannelContext(
    IPacketConnection Connection,
    string UserName,
    string ConnectionId,
    EndPoint? RemoteEndPoint,
    EndPoint? LocalEndPoint,
    ISessionHandler Handler,
    ILogger Logger,
    Action OnActivity,
    Action<SessionChannel> OnFinished);

/// <summary>
/// One "session" channel (RFC 4254 6): collects pty-req and env, starts shell/exec/subsystem as an <see cref="SshSession"/>,
/// moves data both ways under flow control and closes in the order exit-status, EOF, CLOSE.
/// </summary>
internal sealed partial class SessionChannel : IChannelSender, IAsyncEnumerable<SessionEvent>, IDisposable
{
    /// <summary>Our receive window and packet size, as OpenSSH uses (2 MiB, 32 KiB).</summary>
    public const uint LocalWindowSize = 2 * 1024 * 1024;
    public const int LocalMaxPacket = 32 * 1024;

    private const int MaxEnvironmentVariables = 64;
    private const int MaxQueuedEvents = 64;

    // Keeps a 32 KiB data packet plus headers under the 35,000-byte packet every implementation must accept.
    private const int MaxDataPerPacket = 32 * 1024;

    private readonly ChannelContext _context;
    private readonly RemoteWindow _remoteWindow;
    private readonly int _remoteMaxData;
    // No pause threshold: the window, not the pipe, bounds what is buffered. Options are shared: every session's are the same.
    private static readonly PipeOptions InputOptions = new(pauseWriterThreshold: 0, useSynchronizationContext: false);

    // Output backpressure: FlushAsync waits once this much is queued behind a closed remote window.
    private static readonly PipeOptions OutputOptions =
        new(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false);

    private readonly Pipe _input = new(InputOptions);
    private readonly Pipe _output = new(OutputOptions);

    // stderr and the event queue are made on first use: an idle shell has neither (see LazyPipeWriter).
    private LazyPipeWriter? _error;
    private Task _errorPump = Task.CompletedTask;
    private Channel<SessionEvent>? _events;
    private Action<SessionEvent>? _eventHandler;
    private bool _eventsEnded;
    private readonly CancellationTokenSource _cancellation;

    // Stops sending output. Separate from the application's token so that output written before a server-side stop
    // (shutdown, a device's reboot) can still leave: see Abort.
    private readonly CancellationTokenSource _outputStop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Dictionary<string, string>? _environment;
    private long _localWindow = LocalWindowSize;
    private PseudoTerminal? _terminal;
    private bool _started;
    private bool _eofReceived;
    private bool _closeSent;
    // The client's CLOSE has arrived: from then on only our CLOSE may follow (RFC 4254 5.3; OpenSSH sends nothing
    // else either), so the application it stopped adds no exit-status or EOF.
    private volatile bool _closeArrived;
    private Task _run = Task.CompletedTask;
    // Set with a full fence (Interlocked): the application's end and the client's CLOSE each set their flag, then read
    // the other's; a plain store could pass the load and leave both sides believing the other is still busy.
    private int _finished;
    private readonly Lock _inputLock = new();
    private bool _inputClosed;
    private int _disposed;
    private int _closeReceived;

    public SessionChannel(ChannelContext context, uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        _context = context;
        LocalId = localId;
        RemoteId = remoteId;
        _remoteWindow = new RemoteWindow(remoteWindow);
        _remoteMaxData = (int)Math.Clamp(remoteMaxPacket, 1u, MaxDataPerPacket);
        // Not linked to the connection's token: the connection stops every channel through Abort when it ends, and a
        // linked source would hold a registration on the device's token for each idle session.
        _cancellation = new CancellationTokenSource();
    }

    public uint LocalId { get; }

    public uint RemoteId { get; }

    /// <summary>Ends when the application has finished and the channel's last message is sent.</summary>
    public Task Completion => _run;

    public bool CloseReceived => Volatile.Read(ref _closeReceived) != 0;

    /// <summary>shell, exec or subsystem was accepted and the application runs (or ran).</summary>
    public bool Started => _started;

    /// <summary>The application has ended and the channel's closing messages are sent.</summary>
    public bool Finished => Volatile.Read(ref _finished) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cancellation.Dispose();
            _outputStop.Dispose();
            _sendLock.Dispose();
        }
    }

    public void OnWindowAdjust(uint bytes) => _remoteWindow.Add(bytes);

    /// <summary>Client data (stdin). The window bounds what can be buffered, so this never waits for the application.</summary>
    public ValueTask<FlushResult> OnDataAsync(ReadOnlySpan<byte> data)
    {
        ConsumeWindow(data.Length);
        if (_eofReceived)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, $"data on channel {LocalId} after EOF");
        }

        lock (_inputLock)
        {
            // The application has ended or the client sent CLOSE: the bytes have no reader, and the channel is closing anyway.
            if (_inputClosed)
            {
                return ValueTask.FromResult(default(FlushResult));
            }

            // No pause threshold: the flush completes at once (the window, not the pipe, bounds what is buffered).
            _input.Writer.Write(data);
            return _input.Writer.FlushAsync();
        }
    }

    /// <summary>Extended data from a client has no meaning on a session; it still uses window, which is returned at once.</summary>
    public ValueTask OnExtendedDataAsync(int length, CancellationToken cancellationToken)
    {
        ConsumeWindow(length);
        return AdjustWindowAsync((uint)length, cancellationToken);
    }

    public void OnEof()
    {
        _eofReceived = true;
        CompleteInput();
    }

    /// <summary>
    /// The client closed: stop the application, answer CLOSE unless ours went first. <see cref="CloseReceived"/> is
    /// set only when this is done: the application's own end may retire (dispose) the channel as soon as it sees the
    /// flag, and must not while this still uses the channel's lock.
    /// </summary>
    public async ValueTask OnCloseAsync()
    {
        _closeArrived = true;
        CompleteInput();
        try
        {
            await _cancellation.CancelAsync();
            await _outputStop.CancelAsync();
            await _sendLock.WaitAsync(CancellationToken.None);
            try
            {
                if (!_closeSent)
                {
                    _closeSent = true;
                    await _context.Connection.WritePacketAsync(ChannelSignalMessage.Close(RemoteId).ToPayload(), CancellationToken.None);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _closeReceived, 1);
        }
    }

    /// <summary>How long output already written may still take to leave once the channel is stopped with the server.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stops the application because the connection is ending. With <paramref name="drainOutput"/> (the server stops,
    /// the client is still there) the output it had already written still goes out, for at most
    /// <see cref="DrainTime"/>, and the channel closes as usual, as a device's sessions end on a reboot; otherwise
    /// nothing more is sent.
    /// </summary>
    public void Abort(bool drainOutput = false)
    {
        if (!drainOutput)
        {
            _closeSent = true;
        }

        CompleteInput();
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _cancellation.Cancel();
                if (drainOutput)
                {
                    _outputStop.CancelAfter(DrainTime);
                }
                else
                {
                    _outputStop.Cancel();
                }
            }
            catch (ObjectDisposedException)
            {
                // Retired by its own completion meanwhile: nothing left to stop.
            }
        }
    }

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        SendAsync(payload, flush: true, cancellationToken);

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, bool flush, CancellationToken cancellationToken)
    {
        if (payload.Span[0] is MessageNumbers.ChannelData or MessageNumbers.ChannelExtendedData)
        {
            // Before the lock: the reading loop takes it to answer requests, and must never wait for a rekey to end.
            await _context.Connection.WaitForSendRoomAsync(cancellationToken);
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_closeSent)
            {
                return false;
            }

            // Only stdout's last output may wait for the closing messages, and only once stderr is done: a stderr pump
            // still waiting for window would wait for an adjust the client cannot send for data it has not received.
            if (flush || payload.Span[0] != MessageNumbers.ChannelData || !Volatile.Read(ref _errorPump).IsCompleted)
            {
                await _context.Connection.WritePacketAsync(payload, cancellationToken);
            }
            else
            {
                await _context.Connection.WritePacketBeforeAnotherAsync(payload, cancellationToken);
            }

            _context.OnActivity();
            return true;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Handles SSH_MSG_CHANNEL_REQUEST; <paramref name="data"/> is what follows want-reply.</summary>
    public async ValueTask OnRequestAsync(string type, bool wantReply, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var outcome = Decide(type, data.Span);
        if (outcome == RequestOutcome.AskHandler)
        {
            var request = new SubsystemRequest(_command!, _context.UserName, _context.RemoteEndPoint, _context.LocalEndPoint);
            outcome = await _context.Handler.SupportsSubsystemAsync(request, cancellationToken)
                ? RequestOutcome.Start
                : RequestOutcome.Refused;
            _started = outcome == RequestOutcome.Start;
        }

        if (wantReply)
        {
            var reply = outcome == RequestOutcome.Refused ? ChannelSignalMessage.Failure(RemoteId) : ChannelSignalMessage.Success(RemoteId);
            await SendAsync(reply.ToPayload(), cancellationToken);
        }

        if (outcome == RequestOutcome.Start)
        {
            _run = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>AskHandler: a subsystem whose availability the handler decides (asynchronously).</summary>
    private enum RequestOutcome { Refused, Accepted, Start, AskHandler }

    private SshSessionKind _kind;
    private string? _command;

    private RequestOutcome Decide(string type, ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        switch (type)
        {
            case "pty-req" when !_started:
                var term = reader.ReadAsciiString();
                var columns = reader.ReadUInt32();
                var rows = reader.ReadUInt32();
                reader.ReadUInt32(); // width in pixels
                reader.ReadUInt32(); // height in pixels
                var modes = reader.ReadString().ToArray();
                reader.EnsureAtEnd();
                _terminal = new PseudoTerminal(term, ClampSize(columns), ClampSize(rows), modes);
                return RequestOutcome.Accepted;

            case "env" when !_started:
                var name = reader.ReadUtf8String();
                var value = reader.ReadUtf8String();
                reader.EnsureAtEnd();
                _environment ??= new Dictionary<string, string>(StringComparer.Ordinal);
                if (_environment.Count >= MaxEnvironmentVariables && !_environment.ContainsKey(name))
                {
                    return RequestOutcome.Refused;
                }

                _environment[name] = value;
                return RequestOutcome.Accepted;

            case "shell" when !_started:
                reader.EnsureAtEnd();
                _kind = SshSessionKind.Shell;
                break;

            case "exec" when !_started:
                _command = reader.ReadUtf8String();
                reader.EnsureAtEnd();
                _kind = SshSessionKind.Exec;
                break;

            case "subsystem" when !_started:
                _command = reader.ReadAsciiString();
                reader.EnsureAtEnd();
                _kind = SshSessionKind.Subsystem;
                return RequestOutcome.AskHandler;

            case "window-change":
                var newColumns = reader.ReadUInt32();
                var newRows = reader.ReadUInt32();
                reader.ReadUInt32();
                reader.ReadUInt32();
                reader.EnsureAtEnd();
                Publish(new WindowChanged(ClampSize(newColumns), ClampSize(newRows)));
                return RequestOutcome.Accepted;

            case "signal":
                var signal = reader.ReadAsciiString();
                reader.EnsureAtEnd();
                Publish(new SignalReceived(signal));
                return RequestOutcome.Accepted;

            default:
                // x11-req, auth-agent-req@openssh.com, keepalive@openssh.com, a second shell, or anything unknown.
                return RequestOutcome.Refused;
        }

        _started = true;
        return RequestOutcome.Start;
    }

    private async Task RunAsync()
    {
        var token = _cancellation.Token;
        var session = new SshSession
        {
            UserName = _context.UserName,
            ConnectionId = _context.ConnectionId,
            RemoteEndPoint = _context.RemoteEndPoint,
            LocalEndPoint = _context.LocalEndPoint,
            Kind = _kind,
            Command = _command,
            Terminal = _terminal,
            Environment = (IReadOnlyDictionary<string, string>?)_environment ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty,
            Input = new WindowedPipeReader(_input.Reader, LocalWindowSize, AdjustWindowAsync),
            Output = _output.Writer,
            ErrorOutput = _error = new LazyPipeWriter(StartErrorOutput),
            Events = this,
            EventSubscriber = SubscribeEvents,
        };

        var outputToken = _outputStop.Token;
        var stdout = ChannelOutput.PumpAsync(_output.Reader, this, _remoteWindow, RemoteId, _remoteMaxData, null, outputToken);
        int? exitStatus = null;
        try
        {
            exitStatus = await _context.Handler.RunAsync(session, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The application's fault ends this channel only; the connection and its other channels go on.
            LogHandlerFailed(_context.Logger, ex, _context.ConnectionId, LocalId, _kind);
        }

        await _output.Writer.CompleteAsync();
        await _error.CompleteAsync();
        try
        {
            await Task.WhenAll(stdout, Volatile.Read(ref _errorPump));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SshDisconnectException or IOException or ObjectDisposedException)
        {
            // The channel or connection went away while output was pending.
        }

        CompleteInput();
        await _input.Reader.CompleteAsync();
        lock (_inputLock)
        {
            _eventsEnded = true;
            _events?.Writer.TryComplete();
        }
        await FinishAsync(exitStatus);
        Interlocked.Exchange(ref _finished, 1);
        _context.OnFinished(this);
    }

    /// <summary>exit-status, EOF, CLOSE: the order OpenSSH clients need to report the status.</summary>
    private async Task FinishAsync(int? exitStatus)
    {
        // Stopped with the connection (a drained abort): a client that no longer reads must not hold the goodbye up.
        using var limit = _cancellation.IsCancellationRequested ? new CancellationTokenSource(DrainTime) : null;
        var token = limit?.Token ?? CancellationToken.None;
        try
        {
            await _sendLock.WaitAsync(token);
            try
            {
                if (_closeSent)
                {
                    return;
                }

                if (!_closeArrived)
                {
                    if (exitStatus is { } status)
                    {
                        await _context.Connection.WritePacketBeforeAnotherAsync(new ExitStatusMessage(RemoteId, status).ToPayload(), token);
                    }

                    await _context.Connection.WritePacketBeforeAnotherAsync(ChannelSignalMessage.Eof(RemoteId).ToPayload(), token);
                }

                await _context.Connection.WritePacketAsync(ChannelSignalMessage.Close(RemoteId).ToPayload(), token);
                _closeSent = true;
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is SshDisconnectException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is already gone; nothing left to tell the client.
        }
    }

    /// <summary>No more input for the application (EOF, CLOSE, or it has ended); later data is dropped.</summary>
    private void CompleteInput()
    {
        lock (_inputLock)
        {
            if (!_inputClosed)
            {
                _inputClosed = true;
                _input.Writer.Complete();
            }
        }
    }

    private void ConsumeWindow(int length)
    {
        if (length > LocalMaxPacket || Interlocked.Add(ref _localWindow, -length) < 0)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, $"channel {LocalId}: data beyond window or packet size");
        }
    }

    private async ValueTask AdjustWindowAsync(uint bytes, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _localWindow, bytes);
        await SendAsync(new ChannelWindowAdjustMessage(RemoteId, bytes).ToPayload(), cancellationToken);
    }

    private static int ClampSize(uint value) => (int)Math.Min(value, 10_000u);

    /// <summary>The first write to stderr: its pipe and pump start now.</summary>
    private PipeWriter StartErrorOutput()
    {
        var pipe = new Pipe(OutputOptions);
        Volatile.Write(ref _errorPump, ChannelOutput.PumpAsync(pipe.Reader, this, _remoteWindow, RemoteId, _remoteMaxData, ChannelOutput.StandardError, _outputStop.Token));
        return pipe.Writer;
    }

    /// <summary>A window-change or signal: to the application's handler when it set one, else queued for <see cref="SshSession.Events"/>.</summary>
    private void Publish(SessionEvent change)
    {
        lock (_inputLock)
        {
            if (_eventHandler is { } handler)
            {
                handler(change);
                return;
            }

            EventQueue().Writer.TryWrite(change);
        }
    }

    /// <summary>From now on events go to <paramref name="handler"/>; those already queued go first.</summary>
    private void SubscribeEvents(Action<SessionEvent> handler)
    {
        lock (_inputLock)
        {
            while (_events is not null && _events.Reader.TryRead(out var queued))
            {
                handler(queued);
            }

            _eventHandler = handler;
        }
    }

    private Channel<SessionEvent> EventQueue()
    {
        lock (_inputLock)
        {
            if (_events is null)
            {
                _events = Channel.CreateBounded<SessionEvent>(
                    new BoundedChannelOptions(MaxQueuedEvents) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
                if (_eventsEnded)
                {
                    _events.Writer.TryComplete();
                }
            }

            return _events;
        }
    }

    /// <summary><see cref="SshSession.Events"/>: the queue is made when someone reads it, and ends with the session.</summary>
    public IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        EventQueue().Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "{ConnectionId}: session handler on channel {Channel} ({Kind}) failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string connectionId, uint channel, SshSessionKind kind);
}
