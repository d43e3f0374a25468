using Emulator.Device.Runtime;
using Prometheus;

namespace Emulator.Host;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (prometheus-net). Figures are read from the fleet at scrape time and
/// summed over devices: a fleet of thousands gets no per-device label (per-device detail is in /api/devices).
/// Each app has its own registry, so several hosts in one process (tests) do not share figures.
/// </summary>
internal sealed class FleetMetrics
{
    private readonly DeviceFleet _fleet;
    private readonly Gauge _devices;
    private readonly Gauge _warm;
    private readonly Gauge _connectionsOpen;
    private readonly Counter _connectionsAccepted;
    private readonly Gauge _sessionsOpen;

    public FleetMetrics(DeviceFleet fleet)
    {
        _fleet = fleet;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        _devices = factory.CreateGauge("emulator_devices", "Devices by state (stopped, listening, degraded, failed).", "state");
        _warm = factory.CreateGauge("emulator_devices_warm", "Devices whose configuration is loaded (first connection or API call happened).");
        _connectionsOpen = factory.CreateGauge("emulator_ssh_connections_open", "SSH connections open, all devices.");
        _connectionsAccepted = factory.CreateCounter("emulator_ssh_connections_accepted_total", "TCP connections accepted by the devices' SSH listeners since start.");
        _sessionsOpen = factory.CreateGauge("emulator_login_sessions_open", "Users logged in on a VTY, all devices.");
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    public void Map(WebApplication app) => app.MapMetrics("/metrics", Registry);

    private void Collect()
    {
        var byState = new int[Enum.GetValues<DeviceStatus>().Length];
        int warm = 0, open = 0, sessions = 0;
        long accepted = 0;
        foreach (var device in _fleet.Devices)
        {
            byState[(int)device.Status]++;
            warm += device.IsWarm ? 1 : 0;
            open += device.ConnectionCount;
            accepted += device.ConnectionsAccepted;
            sessions += device.Sessions.Count;
        }

        foreach (var state in Enum.GetValues<DeviceStatus>())
        {
            _devices.WithLabels(state.ToString().ToLowerInvariant()).Set(byState[(int)state]);
        }

        _warm.Set(warm);
        _connectionsOpen.Set(open);
        _connectionsAccepted.IncTo(accepted);
        _sessionsOpen.Set(sessions);
    }
}
