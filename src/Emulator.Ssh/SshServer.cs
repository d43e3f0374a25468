using System.IO.Pipelines;
using System.Net;

namespace Emulator.Ssh;

/// <summary>
/// One SSH server (one device). The caller owns listening sockets and hands each accepted
/// connection to <see cref="HandleConnectionAsync"/>; the returned task is the connection's lifetime.
/// </summary>
public sealed partial class SshServer
{
    private readonly Func<SshServerOptions> _options;

    /// <param name="options">Read once per new connection, so settings changed at run time apply to the next login.</param>
    public SshServer(Func<SshServerOptions> options) => _options = options;

    public SshServer(SshServerOptions options) : this(() => options) { }

    /// <summary>Active connections on this server.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    private int _connectionCount;

    /// <summary>Runs one connection: version exchange, key exchange, authentication, channels, until either side closes.
    /// Never throws for protocol errors of the peer; they end this connection only.</summary>
    public async Task HandleConnectionAsync(SshConnectionInfo connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Interlocked.Increment(ref _connectionCount);
        try
        {
            await RunConnectionAsync(connection, _options(), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _connectionCount);
        }
    }

    // Placeholder until the connection pipeline lands (issue 3).
    private static Task RunConnectionAsync(SshConnectionInfo connection, SshServerOptions options, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}

/// <summary>Facts about an accepted connection.</summary>
public sealed record SshConnectionInfo(EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint, IDuplexPipe Transport);
