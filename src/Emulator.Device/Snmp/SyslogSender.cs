using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Emulator.Comware;
using Emulator.Comware.Logging;

namespace Emulator.Device.Snmp;

/// <summary>
/// Sends a device's information-center messages to its loghosts over UDP (RFC 3164 transport, port 514 unless
/// configured). The CLI only queues them (under the device lock); a loop of this sender writes the datagrams.
/// </summary>
public sealed class SyslogSender : IAsyncDisposable
{
    private readonly ComwareDialect _dialect;
    private readonly Channel<DeviceLogEvent> _queue = Channel.CreateBounded<DeviceLogEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private Task? _loop;

    /// <summary>Nothing runs and no socket exists until the first message for a loghost: cold devices stay cheap.</summary>
    public SyslogSender(ComwareDialect dialect) => _dialect = dialect;

    public void Post(DeviceLogEvent logEvent)
    {
        if (logEvent is { Loghosts.Count: > 0 } && _queue.Writer.TryWrite(logEvent) && Volatile.Read(ref _loop) is null)
        {
            var loop = new Task<Task>(SendAsync);
            if (Interlocked.CompareExchange(ref _loop, loop.Unwrap(), null) is null)
            {
                loop.Start(TaskScheduler.Default);
            }
        }
    }

    private async Task SendAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await foreach (var logEvent in _queue.Reader.ReadAllAsync())
        {
            foreach (var host in logEvent.Loghosts)
            {
                var v = host.Address.Value;
                var target = new IPEndPoint(new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]), host.Port);
                try
                {
                    await socket.SendToAsync(Encoding.UTF8.GetBytes(logEvent.SyslogLine(host, _dialect)), SocketFlags.None, target);
                }
                catch (SocketException)
                {
                    // Syslog over UDP is fire-and-forget: an unreachable loghost loses the message, as on the device.
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _loop) is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
