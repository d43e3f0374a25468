using System.Diagnostics.Metrics;
using Emulator.Comware.Runtime;
using Emulator.Ssh;

namespace Emulator.Device.Runtime;

/// <summary>
/// The instruments every device of a fleet counts on: one meter owned by the host, so figures are fleet totals
/// (no per-device series; per-device detail is in the control API). <see cref="None"/> counts nothing.
/// </summary>
public sealed class DeviceTelemetry
{
    public DeviceTelemetry(Meter? meter)
    {
        Meter = meter;
        Ssh = meter is null ? null : new SshMetrics(meter);
        Cli = meter is null ? null : new CliMetrics(meter);
    }

    public static DeviceTelemetry None { get; } = new(null);

    public Meter? Meter { get; }

    public SshMetrics? Ssh { get; }

    public CliMetrics? Cli { get; }
}
