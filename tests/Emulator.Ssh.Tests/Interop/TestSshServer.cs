using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Ssh.Tests.Connection;

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
            HostKeys = TestHostKeys.Shared,
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

/// <summary>Host keys of every type, made once per test run from fixed seeds (RSA and DSA generation is slow).</summary>
internal sealed class TestHostKeys : IHostKeyProvider
{
    private static readonly Lazy<TestHostKeys> s_shared = new(() => new TestHostKeys());
    private readonly ConcurrentDictionary<string, Lazy<SshHostKey>> _keys = new();

    public static TestHostKeys Shared => s_shared.Value;

    public IReadOnlyCollection<string> KeyTypes { get; } = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"];

    public ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetOrAdd(keyType, t => new Lazy<SshHostKey>(() => SshHostKey.Generate(t, seed: [7, 7, 7]))).Value);
}
