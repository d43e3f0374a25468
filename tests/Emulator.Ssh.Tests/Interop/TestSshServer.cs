using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>
/// A real <see cref="SshServer"/> on 127.0.0.1:0 over TCP with the test users and session handler, for real clients.
/// Offers every algorithm of <see cref="SshAlgorithmCatalog"/> unless configured otherwise.
/// </summary>
internal sealed class TestSshServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _acceptLoop;

    public TestSshServer(Func<SshServerOptions, SshServerOptions>? configure = null)
    {
        var options = new SshServerOptions
        {
            HostKeys = TestHostKeys.All,
            Authenticator = Users,
            Sessions = Handler,
            Algorithms = SshAlgorithmCatalog.All,
            AuthenticationFailureDelay = TimeSpan.FromMilliseconds(10),
        };
        Options = configure is null ? options : configure(options);
        Server = new SshServer(() => Options);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public TestUsers Users { get; } = new TestUsers().AddPassword("admin", "secret");

    public TestSessionHandler Handler { get; } = new();

    public SshServerOptions Options { get; }

    public SshServer Server { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A raw TCP connection to this server as a duplex pipe (for hand-made and hostile clients).</summary>
    public async Task<TcpConnection> ConnectTcpAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
        return new TcpConnection(socket);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var task = ServeAsync(socket);
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var pipe = new StreamDuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
        await Server.HandleConnectionAsync(new SshConnectionInfo(socket.RemoteEndPoint, socket.LocalEndPoint, pipe), _stop.Token);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private sealed record StreamDuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}

/// <summary>A client socket with pipes over it.</summary>
internal sealed class TcpConnection : IDuplexPipe, IDisposable
{
    private readonly NetworkStream _stream;

    public TcpConnection(Socket socket)
    {
        Socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
    }

    public Socket Socket { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Everything the server sends until it closes (or the timeout passes, which fails).</summary>
    public async Task<byte[]> ReadToEndAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var all = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int n;
            try
            {
                n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                return all.ToArray();
            }

            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, n);
        }
    }

    public void Dispose() => _stream.Dispose();
}
