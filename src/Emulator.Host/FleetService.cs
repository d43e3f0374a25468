using Emulator.Device.Runtime;
using Microsoft.Extensions.Hosting;

namespace Emulator.Host;

/// <summary>Starts every device listener with the host and stops them politely when it stops.</summary>
internal sealed partial class FleetService(DeviceFleet fleet, HostSettings settings, ILogger<FleetService> logger) : IHostedService
{
    /// <summary>Above this many devices, host keys are not created at start (they would slow it down).</summary>
    public const int FingerprintsAtStartLimit = 50;

    /// <summary>Above this many devices, each device's "listening" line is a debug line and one summary line says it all.</summary>
    public const int DeviceLinesLimit = 1000;

    /// <summary>How long open sessions get to close when the host stops.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(1500);

    /// <summary>Whether the start prints host key fingerprints, and so loads or creates every device's keys first.</summary>
    public static bool KeysAtStart(DeviceFleet fleet, HostSettings settings) =>
        fleet.Devices.Count <= FingerprintsAtStartLimit && (settings.FleetSecret is null || fleet.Devices.Count == 1);

    /// <summary>
    /// Starts loading or creating the keys the start will print, on the thread pool, while the host is still being
    /// built: a new device's RSA key pair takes milliseconds that would otherwise come after the listeners bind.
    /// The keys are cached by each device's store, so <see cref="StartAsync"/> awaits the same work (and sees the same
    /// failure, which it reports as before). The returned task never fails; the app awaits it before it lets go of
    /// the state folder, which a key still being written would otherwise change under whoever removes it.
    /// </summary>
    public static Task StartCreatingKeys(DeviceFleet fleet, HostSettings settings)
    {
        if (!KeysAtStart(fleet, settings))
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(fleet.Devices.Select(device => Task.Run(async () =>
        {
            try
            {
                await device.HostKeys.GetAllAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                // Reported by StartAsync, which asks again.
            }
        })));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogStateDir(logger, fleet.StateRoot);
        if (EphemeralPorts.Read(settings.EphemeralPortRangeFile) is { } range && EphemeralPorts.Inside(fleet.Devices, range) is { Count: > 0 } inside)
        {
            LogEphemeralPorts(logger, EphemeralPorts.Describe(inside, range));
        }

        var listening = fleet.StartAll();
        var keysAtStart = KeysAtStart(fleet, settings);
        var deviceLines = fleet.Devices.Count <= DeviceLinesLimit || logger.IsEnabled(LogLevel.Debug);
        foreach (var device in fleet.Devices.Where(d => deviceLines && d.Status is DeviceStatus.Listening or DeviceStatus.Degraded))
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Device"] = device.Name });
            var keys = "keys created on first connection";
            if (keysAtStart)
            {
                try
                {
                    keys = string.Join(", ", (await device.HostKeys.GetAllAsync(cancellationToken)).Select(k => $"{k.KeyType} {k.FingerprintSha256}"));
                }
                catch (Exception ex) when (ex is Emulator.Device.State.DeviceStateException or IOException or UnauthorizedAccessException)
                {
                    // A state problem stops this device alone, never the host.
                    device.MarkFailed(ex.Message);
                    LogDeviceFailed(logger, ex.Message);
                    listening--;
                    continue;
                }
            }

            LogDevice(logger, device.Profile.Name, device.Profile.Model, device.EndPoint.ToString(), keys);
        }

        if (!deviceLines)
        {
            // 100,000 console lines would take longer than starting the devices (use --log-level debug to see them).
            LogDevicesSummary(logger, listening, fleet.Devices[0].EndPoint.ToString(), fleet.Devices[^1].EndPoint.ToString());
        }

        if (settings.KnownHosts is { } file)
        {
            await File.WriteAllTextAsync(file, await KnownHosts.BuildAsync(fleet.Devices, cancellationToken), cancellationToken);
            LogKnownHosts(logger, Path.GetFullPath(file));
        }

        if (settings.Inventory is { } inventory)
        {
            await WriteInventoryAsync(inventory, cancellationToken);
        }

        // Starting parsed YAML and built every device's facts: garbage that the server GC would keep committed while
        // the fleet idles. One aggressive collection now returns it to the OS (idle RSS per device 10.3 -> 4.7 KiB).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (listening == fleet.Devices.Count)
        {
            LogAllListening(logger, listening);
        }
        else
        {
            LogSomeListening(logger, listening, fleet.Devices.Count);
        }
    }

    private async Task WriteInventoryAsync(string file, CancellationToken cancellationToken)
    {
        var hosts = fleet.Devices.Select(InventoryHost.From).ToList();
        await File.WriteAllTextAsync(file, Inventory.Render(settings.InventoryFormat, hosts), cancellationToken);
        if (settings.InventoryFormat == "nornir")
        {
            // SimpleInventory fails on a host whose group is missing from its groups file; this is its default name.
            var groups = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "groups.yaml");
            await File.WriteAllTextAsync(groups, Inventory.Render("nornir-groups", hosts), cancellationToken);
        }

        LogInventory(logger, settings.InventoryFormat, Path.GetFullPath(file));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger, fleet.Devices.Sum(d => d.ConnectionCount));
        await fleet.StopAllAsync(StopGrace);
    }

    [LoggerMessage(LogLevel.Information, "state directory {StateDir}")]
    private static partial void LogStateDir(ILogger logger, string stateDir);

    [LoggerMessage(LogLevel.Warning, "{Warning}")]
    private static partial void LogEphemeralPorts(ILogger logger, string warning);

    [LoggerMessage(LogLevel.Information, "{Profile} ({Model}) listening on {Address}; host keys: {Keys}")]
    private static partial void LogDevice(ILogger logger, string profile, string model, string address, string keys);

    [LoggerMessage(LogLevel.Information, "{Count} devices listening, {First} ... {Last}; host keys created on first connection")]
    private static partial void LogDevicesSummary(ILogger logger, int count, string first, string last);

    [LoggerMessage(LogLevel.Error, "stopped: {Reason}")]
    private static partial void LogDeviceFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "known_hosts written to {File}")]
    private static partial void LogKnownHosts(ILogger logger, string file);

    [LoggerMessage(LogLevel.Information, "{Format} inventory written to {File}")]
    private static partial void LogInventory(ILogger logger, string format, string file);

    [LoggerMessage(LogLevel.Information, "All {Count} devices listening")]
    private static partial void LogAllListening(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "{Listening} of {Count} devices listening; see the errors above")]
    private static partial void LogSomeListening(ILogger logger, int listening, int count);

    [LoggerMessage(LogLevel.Information, "stopping: no new connections, closing {Connections} open connection(s)")]
    private static partial void LogStopping(ILogger logger, int connections);
}
