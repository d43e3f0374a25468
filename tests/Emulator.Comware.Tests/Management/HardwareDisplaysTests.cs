using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

/// <summary>The hardware displays follow the profile's facts (issue 13): counts, states, images and fiber modules.</summary>
public class HardwareDisplaysTests
{
    [Fact]
    public void Fans_and_power_bays_come_from_the_facts()
    {
        var facts = TestDevices.V5Facts with { Hardware = TestDevices.V5Facts.Hardware with { Fans = 3, PowerSupplies = 2, PowerSuppliesPresent = 2 } };

        Assert.Equal(" Fan   1 State: Normal\n Fan   2 State: Normal\n Fan   3 State: Normal\n", HardwareDisplays.Fans(facts));
        Assert.Equal(" Power   1 State: Normal\n Power   2 State: Normal\n", HardwareDisplays.Power(facts));
    }

    [Fact]
    public void V7_power_marks_empty_bays_absent()
    {
        var facts = TestDevices.V7Facts with { Hardware = TestDevices.V7Facts.Hardware with { PowerSupplies = 2, PowerSuppliesPresent = 1 } };

        var lines = HardwareDisplays.Power(facts).Split('\n');

        Assert.StartsWith(" 1       Normal   AC", lines[2], StringComparison.Ordinal);
        Assert.StartsWith(" 2       Absent   --", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_lists_every_sensor_of_the_profile()
    {
        var facts = TestDevices.V7Facts with { Hardware = TestDevices.V7Facts.Hardware with { TemperatureSensors = ["hotspot 1", "inflow 1"], TemperatureC = 41 } };

        var text = HardwareDisplays.Environment(facts);

        Assert.Contains(" 1     hotspot 1     41 ", text, StringComparison.Ordinal);
        Assert.Contains(" 1     inflow 1      41 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_loader_prints_the_profile_images_on_the_storage_medium()
    {
        var facts = TestDevices.V5Facts with { Hardware = TestDevices.V5Facts.Hardware with { BootImages = ["main.bin"] } };

        Assert.StartsWith(" The boot file used at this reboot:cfa0:/main.bin attribute: main\n", HardwareDisplays.BootLoader(facts), StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_loader_derives_v7_packages_from_model_and_release()
    {
        Assert.Equal(
            ["f1000ai20-cmw710-boot-r9333p26.bin", "f1000ai20-cmw710-system-r9333p26.bin"],
            HardwareDisplays.BootImages(TestDevices.V7Facts));
    }

    [Fact]
    public void Transceiver_lists_fiber_ports_only_with_the_module_of_their_speed()
    {
        InterfaceFacts[] ports =
        [
            new("GigabitEthernet1/0/1"),
            new("GigabitEthernet1/0/16", MediaType: "fiber"),
            new("Ten-GigabitEthernet1/0/24", DefaultSpeed: "10000", MediaType: "fiber"),
        ];

        var text = HardwareDisplays.Transceiver(TestDevices.V7Facts, ports);

        Assert.DoesNotContain("GigabitEthernet1/0/1 ", text, StringComparison.Ordinal);
        Assert.Contains("GigabitEthernet1/0/16 transceiver information:\n  Transceiver Type              : 1000_BASE_SX_SFP\n", text, StringComparison.Ordinal);
        Assert.Contains("Ten-GigabitEthernet1/0/24 transceiver information:\n  Transceiver Type              : 10G_BASE_SR_SFP\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_aggregation_summary_names_the_bridge_mac_as_actor()
    {
        Assert.Contains("Actor System ID: 0x8000, 3822-d6a0-1b2c", Layer2Displays.LinkAggregationSummary(new Emulator.Comware.Model.Firewall.FirewallConfig(TestDevices.V5Facts)));
    }

    [Fact]
    public void Domain_display_lists_a_configured_default_domain_beside_system()
    {
        var text = AaaDisplays.Domains(ComwareDialect.V7, "corp");

        Assert.StartsWith("Total 2 domains\n", text, StringComparison.Ordinal);
        Assert.Contains("Domain: corp\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Default domain name: corp\n", text, StringComparison.Ordinal);
    }
}
