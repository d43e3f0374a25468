using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Device.Runtime;

/// <summary>
/// One listening socket and its accept loop: a single pending accept per device, no thread. Each accepted
/// connection runs as its own task; the loop never waits for one.
/// </summary>
internal sealed class DeviceListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private DeviceListener(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The bound address; its port is the real one when port 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and listens at once, so a port clash shows at start, not at the first connection.</summary>
    public static DeviceListener Bind(IPEndPoint endPoint, int backlog = 128)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = endPoint.Address.Equals(IPAddress.IPv6Any);
            }

            socket.Bind(endPoint);
            if (AcceptedSocketsInheritOptions)
            {
                SetConnectionOptions(socket);
            }

            socket.Listen(backlog);
            return new DeviceListener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <param name="onConnection">Runs one connection until it ends; exceptions are the handler's business.</param>
    public void Start(Func<Socket, IDuplexPipe, CancellationToken, Task> onConnection) =>
        _loop = AcceptLoopAsync(onConnection, _stop.Token);

    private async Task AcceptLoopAsync(Func<Socket, IDuplexPipe, CancellationToken, Task> onConnection, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The peer gave up before we accepted it: keep listening.
                continue;
            }
            catch (SocketException)
            {
                // Out of descriptors or buffers: back off briefly instead of spinning, then keep listening.
                await Task.Delay(100, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (!AcceptedSocketsInheritOptions)
            {
                SetConnectionOptions(client);
            }

            _ = RunConnectionAsync(client, onConnection, cancellationToken);
        }
    }

    /// <summary>
    /// Linux copies a listening socket's TCP_NODELAY, SO_KEEPALIVE and keepalive timings to the sockets it accepts
    /// (tcp(7): "the new socket inherits" them from the listener), so they are set once per listener instead of five
    /// system calls per connection; elsewhere they are set on each accepted socket.
    /// </summary>
    private static bool AcceptedSocketsInheritOptions => OperatingSystem.IsLinux();

    private static void SetConnectionOptions(Socket socket)
    {
        socket.NoDelay = true;
        EnableKeepAlive(socket);
    }

    /// <summary>Idle seconds before the first TCP keepalive probe, seconds between probes, and probes before giving up.</summary>
    public const int KeepAliveTime = 60, KeepAliveInterval = 10, KeepAliveProbes = 6;

    /// <summary>
    /// A client that vanished without a FIN (cable pulled, VM paused, NAT timed out) would hold its session — and its
    /// VTY line — forever: TCP keepalive lets the kernel find it within about two minutes.
    /// </summary>
    internal static void EnableKeepAlive(Socket client)
    {
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, KeepAliveTime);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, KeepAliveInterval);
        client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbes);
    }

    private static async Task RunConnectionAsync(Socket client, Func<Socket, IDuplexPipe, CancellationToken, Task> onConnection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var stream = new NetworkStream(client, ownsSocket: true);
        await using (stream)
        {
            var pipe = new StreamDuplexPipe(stream);
            try
            {
                await onConnection(client, pipe, cancellationToken);
            }
            finally
            {
                await pipe.CompleteAsync();
            }
        }
    }

    /// <summary>Stops accepting; connections already running are left to their owner.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
    {
        // Zero-byte reads: an idle connection waits for data without a rented receive buffer (4 KiB each), as Kestrel's
        // socket transport does; the buffer is taken only once bytes are there to read.
        public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true, useZeroByteReads: true));

        public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

        public async Task CompleteAsync()
        {
            await Input.CompleteAsync();
            try
            {
                await Output.CompleteAsync();
            }
            catch (IOException)
            {
                // The peer is gone; nothing left to flush to.
            }
        }
    }
}
