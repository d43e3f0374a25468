using System.Threading.Channels;
using Emulator.Comware.Logging;
using Emulator.Device.Runtime;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Snmp;

/// <summary>
/// A device's SNMP side: its UDP listener, its agent, and the traps its events cause (coldStart at boot, linkDown and
/// linkUp after <c>shutdown</c>/<c>undo shutdown</c>). Events arrive under the device lock and are only queued here;
/// the traps are built and sent from a loop of their own.
/// </summary>
public sealed class DeviceSnmp : ISnmpDevice, IAsyncDisposable
{
    private static readonly Oid ColdStart = Oid.Parse("1.3.6.1.6.3.1.1.5.1");
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid LinkUp = Oid.Parse("1.3.6.1.6.3.1.1.5.4");

    private readonly DeviceInstance _device;
    private readonly SnmpListener _listener;
    private readonly Channel<DeviceLogEvent?> _events = Channel.CreateBounded<DeviceLogEvent?>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Task _trapLoop;

    private DeviceSnmp(DeviceInstance device, SnmpListener listener, TimeProvider time)
    {
        _device = device;
        _listener = listener;
        Agent = new SnmpAgent(this, device.Profile.SysObjectId, time);
        _listener.Start(Agent);
        _trapLoop = Task.Run(SendTrapsAsync);
    }

    public SnmpAgent Agent { get; }

    public System.Net.IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Binds the device's SNMP port. Throws <see cref="System.Net.Sockets.SocketException"/> when it is taken.</summary>
    public static DeviceSnmp Start(DeviceInstance device, System.Net.IPEndPoint endPoint, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceSnmp(device, SnmpListener.Bind(endPoint, logger), time);
    }

    public async Task<SnmpSnapshot?> ReadSnmpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var engine = await _device.GetEngineAsync(cancellationToken);
            return await engine.ReadSnmpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or State.DeviceStateException)
        {
            return null;
        }
    }

    public async Task<bool> ApplyConfigurationAsync(string text, CancellationToken cancellationToken)
    {
        var engine = await _device.GetEngineAsync(cancellationToken);
        return (await engine.ApplyConfigurationAsync(text, cancellationToken)).Succeeded;
    }

    /// <summary>The configuration was (re)loaded: a coldStart trap (RFC 3418 coldStart) once the agent is configured.</summary>
    public void Booted() => _events.Writer.TryWrite(null);

    /// <summary>Queues an event; link events become linkDown/linkUp traps.</summary>
    public void Publish(DeviceLogEvent logEvent)
    {
        if (logEvent?.Interface is not null)
        {
            _events.Writer.TryWrite(logEvent);
        }
    }

    private async Task SendTrapsAsync()
    {
        await foreach (var logEvent in _events.Reader.ReadAllAsync())
        {
            try
            {
                if (await ReadSnmpAsync(CancellationToken.None) is not { } snapshot)
                {
                    continue;
                }

                IReadOnlyList<(System.Net.IPEndPoint, byte[])> traps;
                if (logEvent is null)
                {
                    traps = Agent.BuildTraps(snapshot, ColdStart, [], LocalEndPoint.Address);
                }
                else
                {
                    var index = (uint)Agent.IfIndexes.IndexOf(logEvent.Interface!);
                    var status = SnmpValue.Of(logEvent.LinkUp ? 1 : 2);
                    traps = Agent.BuildTraps(snapshot, logEvent.LinkUp ? LinkUp : LinkDown,
                    [
                        new VarBind(MibView.IfEntry.Append(1, index), SnmpValue.Of(index)),
                        new VarBind(MibView.IfAdminStatus.Append(index), status),
                        new VarBind(MibView.IfEntry.Append(8, index), status),
                        new VarBind(MibView.IfEntry.Append(2, index), SnmpValue.Text(logEvent.Interface!)),
                    ], LocalEndPoint.Address);
                }

                foreach (var (target, datagram) in traps)
                {
                    await _listener.SendAsync(target, datagram);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A trap that cannot be built or sent is lost, as UDP traps are; the loop goes on.
                _ = ex;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _listener.DisposeAsync();
        await _trapLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
