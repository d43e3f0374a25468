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

    public DeviceFleet(IReadOnlyList<DeviceSpec> specs, string stateRoot, IHostKeyCodec keyCodec, byte[]? fleetSecret,
        DeviceEngineFactory engineFactory, TimeProvider time, ILoggerFactory loggerFactory, DeviceTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        StateRoot = Path.GetFullPath(stateRoot);
        Devices = [.. specs.Select(s => new DeviceInstance(s, StateRoot, keyCodec, fleetSecret, engineFactory, time, loggerFactory, telemetry))];
        _byName = Devices.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        _logger = loggerFactory.CreateLogger("Emulator.Fleet");
    }

    public string StateRoot { get; }

    public IReadOnlyList<DeviceInstance> Devices { get; }

    public bool AllListening => Devices.All(d => d.Status == DeviceStatus.Listening);

    public DeviceInstance? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Binds every listener. A device whose port is taken is marked failed; the others run.</summary>
    public int StartAll()
    {
        var listening = 0;
        foreach (var device in Devices)
        {
            try
            {
                device.Start();
                listening++;
            }
            catch (SocketException ex)
            {
                LogBindFailed(_logger, device.Name, device.Spec.SshEndPoint.ToString(), ex.Message);
                device.MarkFailed($"cannot listen on {device.Spec.SshEndPoint}: {ex.Message}");
            }
        }

        return listening;
    }

    /// <summary>Stops accepting everywhere at once, then gives open sessions <paramref name="grace"/> to close.</summary>
    public Task StopAllAsync(TimeSpan grace) => Task.WhenAll(Devices.Select(d => d.StopAsync(grace)));

    public async ValueTask DisposeAsync()
    {
        foreach (var device in Devices)
        {
            await device.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Error, "{Device} cannot listen on {Address}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string device, string address, string reason);
}
