using Emulator.Comware.Runtime;
using Emulator.Device.Faults;
using Emulator.Device.Fleet;
using Emulator.Device.Yaml;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Device.Tests;

public sealed class FaultTests
{
    private static FaultSpec Parse(params (string Key, string Value)[] fields) =>
        FaultSpec.TryParse(fields.ToDictionary(f => f.Key, f => f.Value), out var error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Fields_round_trip_through_the_listing_form()
    {
        var spec = Parse(("kind", "command-latency"), ("delay", "1.5s"), ("command", "^display"), ("user", "ops"), ("after-commands", "2"), ("once", "true"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), spec.Delay);
        var again = FaultSpec.TryParse(spec.ToFields(), out var error);
        Assert.Null(error);
        Assert.Equal(spec.ToFields(), again!.ToFields());
    }

    [Fact]
    public void Fleet_file_faults_are_read_per_device_and_errors_name_the_line()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - name: fw
                profile: F1000-E
                ssh: "127.0.0.1:0"
                faults:
                  - { kind: ha-role, role: RBM_P }
                  - { kind: command-latency, delay: 250ms, command: "^display" }
            """, ShippedProfileTests.Shipped);
        var faults = Assert.Single(specs).Faults;
        Assert.Equal([FaultKind.HaRole, FaultKind.CommandLatency], faults.Select(f => f.Kind));

        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", """
            devices:
              - name: fw
                profile: F1000-E
                ssh: "127.0.0.1:0"
                faults:
                  - { kind: ha-role, role: RBM_X }
            """, ShippedProfileTests.Shipped));
        Assert.Contains("fleet.yaml:6:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'role' must be RBM_P or RBM_S", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_faults_arm_after_their_count_and_time_and_one_shots_act_once()
    {
        var time = new FakeTimeProvider();
        var faults = new DeviceFaults(time, NullLogger.Instance, meter: null);
        faults.Add(Parse(("kind", "command-failure"), ("text", "busy"), ("after-commands", "1"), ("once", "true")));
        faults.Add(Parse(("kind", "command-latency"), ("delay", "2s"), ("user", "ops"), ("after-seconds", "60")));

        Assert.Null(faults.BeforeCommand("admin", "display clock"));
        Assert.Equal(new CommandFault(TimeSpan.Zero, "busy"), faults.BeforeCommand("admin", "display clock"));
        Assert.Null(faults.BeforeCommand("admin", "display clock"));
        Assert.Single(faults.Active);

        Assert.Null(faults.BeforeCommand("ops", "display clock"));
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new CommandFault(TimeSpan.FromSeconds(2), null), faults.BeforeCommand("ops", "display clock"));
        Assert.Null(faults.BeforeCommand("admin", "display clock"));
    }

    [Fact]
    public void A_device_holds_a_bounded_number_of_faults()
    {
        var faults = new DeviceFaults(TimeProvider.System, NullLogger.Instance, meter: null);
        for (var i = 0; i < DeviceFaults.MaxActive; i++)
        {
            faults.Add(Parse(("kind", "cpu"), ("percent", "50")));
        }

        Assert.Throws<InvalidOperationException>(() => faults.Add(Parse(("kind", "cpu"), ("percent", "50"))));
        Assert.Equal(DeviceFaults.MaxActive, faults.Clear());
    }
}
