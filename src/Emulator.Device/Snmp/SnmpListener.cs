using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Snmp;

/// <summary>
/// The UDP socket of one device's SNMP agent. Datagrams are answered one after another on the device's own loop, so a
/// flood on one device never delays another; anything a datagram does wrong costs that datagram only.
/// Also sends the device's traps (from the agent's port, as a single-homed device does).
/// </summary>
public sealed partial class SnmpListener : IAsyncDisposable
{
    /// <summary>Largest UDP payload over IPv4; anything longer cannot arrive.</summary>
    private const int MaxDatagram = 65507;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;

    private SnmpListener(Socket socket, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Datagrams answered, dropped or failed: for tests and /metrics.</summary>
    public long Received => Interlocked.Read(ref _received);

    private long _received;
    private int _disposed;

    public static SnmpListener Bind(IPEndPoint endPoint, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SnmpListener(socket, logger);
    }

    public void Start(SnmpAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        _loop = Task.Run(() => RunAsync(agent, _stop.Token));
    }

    public async Task SendAsync(IPEndPoint target, byte[] datagram)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, target, _stop.Token);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            LogSendFailed(_logger, target, ex.Message);
        }
    }

    private async Task RunAsync(SnmpAgent agent, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier answer (Windows reports it on the next receive) and the like.
                continue;
            }

            Interlocked.Increment(ref _received);
            try
            {
                var answer = await agent.HandleAsync(buffer.AsMemory(0, received.ReceivedBytes), (received.RemoteEndPoint as IPEndPoint)?.Address, cancellationToken);
                if (answer is not null)
                {
                    await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The agent is written not to throw; should it, this datagram is lost, the agent goes on.
                LogFailed(_logger, received.RemoteEndPoint, ex.Message);
            }
        }
    }

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

    [LoggerMessage(LogLevel.Warning, "SNMP datagram from {Remote} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, EndPoint remote, string reason);

    [LoggerMessage(LogLevel.Debug, "SNMP trap to {Target} not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, EndPoint target, string reason);
}
