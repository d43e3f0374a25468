using System.Diagnostics.Metrics;
using Emulator.Device.Runtime;
using Prometheus;

namespace Emulator.Host;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (prometheus-net). Figures are read from the fleet at scrape time and
/// summed over devices: a fleet of thousands gets no per-device label (per-device detail is in /api/devices).
/// Each app has its own registry, so several hosts in one process (tests) do not share figures.
/// The devices' own instruments (SSH handshakes and logins, commands, faults: System.Diagnostics.Metrics on the app's
/// meter) are published into the same registry by prometheus-net's meter adapter.
/// </summary>
internal sealed class FleetMetrics : IDisposable
{
    /// <summary>Command latency buckets in seconds: sub-millisecond displays up to injected multi-second delays.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IDisposable _meterAdapter;
    private readonly DeviceFleet _fleet;
    private readonly Gauge _devices;
    private readonly Gauge _warm;
    private readonly Gauge _connectionsOpen;
    private readonly Counter _connectionsAccepted;
    private readonly Gauge _sessionsOpen;

    public FleetMetrics(DeviceFleet fleet, Meter meter)
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
        _meterAdapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => instrument.Meter == meter,
            Registry = Registry,

            // Its default factory writes to the global registry whatever Registry says.
            MetricFactory = factory,
            ResolveHistogramBuckets = _ => DurationBuckets,

            // The adapter drops series not updated for this long (its maximum is one day); counters are totals
            // since start, so a quiet lab must not see them vanish within the hour.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public void Dispose() => _meterAdapter.Dispose();

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
