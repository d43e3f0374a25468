using System.IO.Pipelines;
using System.Net;
using System.Text;
using Emulator.Comware;
using Emulator.Comware.Runtime;
using Emulator.Device.Faults;
using Emulator.Device.Fleet;
using Emulator.Device.Runtime;
using Emulator.Device.Tests.Support;
using Emulator.Device.Wiring;
using Emulator.Device.Yaml;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Device.Tests;

/// <summary>Fleet <c>links:</c>, static <c>neighbors:</c> and <c>ha-role:</c> (issue 13).</summary>
public sealed class FleetLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string TwoLinked = """
        devices:
          - { name: fw1, profile: F1000-E, ssh: "127.0.0.1:0", sysname: EDGE-1 }
          - { name: fw2, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
        links:
          - [fw1:GigabitEthernet0/0, fw2:GE1/0/1]
        """;

    [Fact]
    public void A_link_gives_each_side_the_other_as_a_neighbour()
    {
        var specs = FleetFile.Parse("fleet.yaml", TwoLinked, ShippedProfileTests.Shipped);
        var fw1 = Assert.Single(specs[0].Neighbors);
        var fw2 = Assert.Single(specs[1].Neighbors);
        var fw1Facts = specs[0].Profile.CreateFacts("fw1", "EDGE-1");
        var fw2Facts = specs[1].Profile.CreateFacts("fw2");

        Assert.Equal(("GigabitEthernet0/0", "H3C", "GigabitEthernet1/0/1"), (fw1.LocalInterface, fw1.SystemName, fw1.PortId));
        Assert.Equal(fw2Facts.Hardware.BaseMacAddress.ToLowerInvariant(), fw1.ChassisId);
        Assert.Empty(fw1.Addresses!);

        Assert.Equal(("GigabitEthernet1/0/1", "EDGE-1", "GigabitEthernet0/0"), (fw2.LocalInterface, fw2.SystemName, fw2.PortId));
        Assert.Equal(fw1Facts.Hardware.BaseMacAddress.ToLowerInvariant(), fw2.ChassisId);
        Assert.Equal(fw1Facts.Interfaces[0].MacAddress!.ToLowerInvariant(), fw2.PortMac);
        Assert.Equal(["192.168.0.1"], fw2.Addresses); // from fw1's factory configuration
    }

    [Theory]
    [InlineData("- [fw1:GigabitEthernet0/0, fw9:GE1/0/1]", "no device named 'fw9'")]
    [InlineData("- [fw1:GigabitEthernet0/9, fw2:GE1/0/1]", "has no port 'GigabitEthernet0/9'")]
    [InlineData("- [fw1:GigabitEthernet0/0, fw2:GE1/0/1]\n  - [fw1:GE0/0, fw2:GE1/0/2]", "port fw1:GigabitEthernet0/0 is already linked")]
    [InlineData("- [fw1:GigabitEthernet0/0, fw1:GE0/0]", "two different ports")]
    [InlineData("- [fw1, fw2]", "must be device:interface")]
    [InlineData("- fw1:GE0/0", "must be a pair")]
    public void Bad_links_are_reported_with_their_position(string links, string message)
    {
        var text = TwoLinked[..TwoLinked.IndexOf("links:", StringComparison.Ordinal)] + "links:\n  " + links + "\n";
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", text, ShippedProfileTests.Shipped));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("fleet.yaml:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_lists_static_neighbours_and_an_ha_role()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - name: fw1
                profile: F1000-AI-55
                ssh: "127.0.0.1:0"
                ha-role: RBM_S
                neighbors:
                  - { interface: GE1/0/2, system-name: core-sw, port: Ten-GigabitEthernet1/0/49, chassis-id: 00E0-FC00-1, ip: [10.0.0.254] }
            """, ShippedProfileTests.Shipped);
        var neighbor = Assert.Single(specs[0].Neighbors);
        Assert.Equal(("GigabitEthernet1/0/2", "core-sw", "00e0-fc00-0001"), (neighbor.LocalInterface, neighbor.SystemName, neighbor.ChassisId));
        Assert.Equal(["10.0.0.254"], neighbor.Addresses);
        var role = Assert.Single(specs[0].Faults);
        Assert.Equal((FaultKind.HaRole, "RBM_S"), (role.Kind, role.Role));

        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", """
            devices:
              - name: fw1
                profile: F1000-AI-55
                ssh: "127.0.0.1:0"
                ha-role: RBM_X
                neighbors:
                  - { interface: GE9/9/9, system-name: a, port: b, chassis-id: nope }
            """, ShippedProfileTests.Shipped));
        Assert.Contains("RBM_P or RBM_S", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no port 'GE9/9/9'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'chassis-id' must be a MAC address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linked_devices_list_each_other_in_lldp_and_learn_the_peer_in_arp()
    {
        var root = Path.Combine(Path.GetTempPath(), "emu-links-" + Guid.NewGuid().ToString("N"));
        var specs = FleetFile.Parse("fleet.yaml", TwoLinked, ShippedProfileTests.Shipped);
        await using var fleet = new DeviceFleet(specs, root, new CountingKeyCodec(), null, ComwareEngine.Factory, TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            var fw1 = new ComwareDevice(fleet.Devices[0].Facts, new ScratchDeviceServices(), TimeProvider.System);
            var fw2 = new ComwareDevice(fleet.Devices[1].Facts, new ScratchDeviceServices(), TimeProvider.System);
            var list1 = await ExecAsync(fw1, "display lldp neighbor-information list");
            var list2 = await ExecAsync(fw2, "display lldp neighbor-information list");
            Assert.Matches(@"\nH3C +GE0/0 +[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4} +GigabitEthernet1/0/1\n", list1);
            Assert.Matches(@"\nEDGE-1 +GE1/0/1 +[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4} +GigabitEthernet0/0\n", list2);

            Assert.DoesNotContain("192.168.0.1 ", await ExecAsync(fw2, "display arp"), StringComparison.Ordinal);
            await fw2.EnsureBootedAsync(Ct);
            Assert.True((await fw2.LoadConfigurationAsync("interface GigabitEthernet1/0/0\n undo ip address\n#\ninterface GigabitEthernet1/0/1\n ip address 192.168.0.2 255.255.255.0\n", Ct)).Succeeded);
            Assert.Matches(@"\n192\.168\.0\.1 +[0-9a-f-]{14} N/A +GE1/0/1 +20 +D\n", await ExecAsync(fw2, "display arp"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<string> ExecAsync(ComwareDevice device, string command)
    {
        var input = new Pipe();
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await input.Writer.CompleteAsync();
        var status = await new CliSession(device, new CliUser("admin", 3, ["network-admin"], "127.0.0.1"))
            .ExecAsync(command, new CliTerminal(input.Reader, output.Writer) { IsInteractive = false }, Ct);
        await output.Writer.CompleteAsync();
        var result = await output.Reader.ReadAsync(Ct);
        var text = Encoding.ASCII.GetString(System.Buffers.BuffersExtensions.ToArray(result.Buffer));
        Assert.Equal(0, status);
        return "\n" + text.Replace("\r", "", StringComparison.Ordinal);
    }
}
