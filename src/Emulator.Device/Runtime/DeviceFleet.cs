using System.Net.Sockets;
using Emulator.Device.Fleet;
using Emulator.Device.State;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Runtime;

/// <summary>Every device of one host process, by name.</summary>
public sealed partial class DeviceFleet : IAsyncDisposable
{
    private readonly Dictionary<string, DeviceInstance> _byName;
    private readonly ILogger _logger;
    private readonly List<SharedListener> _shared = [];
    private readonly QuietCollector _collector;

    /// <summary>Unauthenticated connections the whole fleet holds at once, and of those one source address (see <see cref="PreAuthLimit"/>).</summary>
    public const int DefaultMaxUnauthenticated = 512, DefaultMaxUnauthenticatedPerSource = 256;

    /// <param name="preAuthLimit">Bound on unauthenticated connections across all devices; null for
    /// <see cref="DefaultMaxUnauthenticated"/> and <see cref="DefaultMaxUnauthenticatedPerSource"/>.</param>
    public DeviceFleet(IReadOnlyList<DeviceSpec> specs, string stateRoot, IHostKeyCodec keyCodec, byte[]? fleetSecret,
        DeviceEngineFactory engineFactory, TimeProvider time, ILoggerFactory loggerFactory, DeviceTelemetry? telemetry = null,
        Ssh.UnauthenticatedConnectionLimit? preAuthLimit = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        StateRoot = Path.GetFullPath(stateRoot);
        Devices = [.. specs.Select(s => new DeviceInstance(s, StateRoot, keyCodec, fleetSecret, engineFactory, time, loggerFactory, telemetry))];
        _byName = Devices.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        _collector = new QuietCollector(time);
        PreAuthLimit = preAuthLimit ?? new Ssh.UnauthenticatedConnectionLimit(DefaultMaxUnauthenticated, DefaultMaxUnauthenticatedPerSource);
        foreach (var device in Devices)
        {
            device.Collector = _collector;
            device.FleetPreAuthLimit = PreAuthLimit;
        }

        _logger = loggerFactory.CreateLogger("Emulator.Fleet");
    }

    public string StateRoot { get; }

    /// <summary>
    /// Caps the handshakes in flight across every device (each device also keeps its own cap of 64): a flood of
    /// connections that never log in, spread over many devices behind one shared listening socket, holds at most this
    /// many at once. The oldest still in key exchange makes room for a newcomer (OpenSSH's MaxStartups, without
    /// refusing newcomers).
    /// </summary>
    public Ssh.UnauthenticatedConnectionLimit PreAuthLimit { get; }

    public IReadOnlyList<DeviceInstance> Devices { get; }

    public bool AllListening => Devices.All(d => d.Status == DeviceStatus.Listening);

    public DeviceInstance? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Binds every listener. Devices on the same port at different loopback addresses share one socket
    /// (<see cref="SharedListener"/>); where that socket cannot be bound (some address has the port taken) each
    /// device binds its own, as elsewhere. A device whose port is taken is marked failed; the others run.
    /// </summary>
    public int StartAll()
    {
        var listening = 0;
        foreach (var (shared, devices) in PlanListeners())
        {
            foreach (var device in devices)
            {
                try
                {
                    device.Start(shared);
                    listening++;
                }
                catch (SocketException ex)
                {
                    LogBindFailed(_logger, device.Name, device.Spec.SshEndPoint.ToString(), ex.Message);
                    device.MarkFailed($"cannot listen on {device.Spec.SshEndPoint}: {ex.Message}");
                }
            }
        }

        return listening;
    }

    /// <summary>Groups the devices by the listener they use: a shared one per port with several loopback devices, else their own (null).</summary>
    private List<(SharedListener? Shared, List<DeviceInstance> Devices)> PlanListeners()
    {
        var own = new List<DeviceInstance>();
        var plan = new List<(SharedListener?, List<DeviceInstance>)>();
        var byPort = new Dictionary<int, List<DeviceInstance>>();
        var portsWithOthers = new HashSet<int>();
        foreach (var device in Devices)
        {
            var endPoint = device.Spec.SshEndPoint;
            if (SharedListener.CanShare(endPoint))
            {
                if (!byPort.TryGetValue(endPoint.Port, out var group))
                {
                    byPort[endPoint.Port] = group = [];
                }

                group.Add(device);
            }
            else
            {
                own.Add(device);
                portsWithOthers.Add(endPoint.Port);
            }
        }

        foreach (var (port, group) in byPort)
        {
            // One device alone keeps its own socket bound to its address; a port another device of the fleet binds
            // at a non-loopback address cannot also be bound at 0.0.0.0.
            var shared = group.Count > 1 && !portsWithOthers.Contains(port) ? TryBindShared(port) : null;
            if (shared is null)
            {
                own.AddRange(group);
            }
            else
            {
                _shared.Add(shared);
                plan.Add((shared, group));
            }
        }

        plan.Add((null, own));
        return plan;
    }

    private SharedListener? TryBindShared(int port)
    {
        try
        {
            return SharedListener.Bind(port);
        }
        catch (SocketException ex)
        {
            LogSharedBindFailed(_logger, port, ex.Message);
            return null;
        }
    }

    /// <summary>Stops accepting everywhere at once, then gives open sessions <paramref name="grace"/> to close.</summary>
    public async Task StopAllAsync(TimeSpan grace)
    {
        await Task.WhenAll(_shared.Select(s => s.DisposeAsync().AsTask()));
        await Task.WhenAll(Devices.Select(d => d.StopAsync(grace)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shared in _shared)
        {
            await shared.DisposeAsync();
        }

        foreach (var device in Devices)
        {
            await device.DisposeAsync();
        }

        _collector.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "{Device} cannot listen on {Address}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string device, string address, string reason);

    [LoggerMessage(LogLevel.Warning, "port {Port} cannot be shared by its loopback devices ({Reason}); each binds its own")]
    private static partial void LogSharedBindFailed(ILogger logger, int port, string reason);
}
