using System.Net;
using Emulator.Device.Fleet;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests.Snmp;

/// <summary>The fleet file's <c>snmp:</c> endpoint: optional, stepped like <c>ssh:</c>, never shared.</summary>
public class SnmpFleetTests
{
    private static readonly Profiles.ProfileCatalog Catalog = ShippedProfileTests.Shipped;

    [Fact]
    public void Snmp_endpoints_step_by_port_and_by_address_like_ssh()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - { name: "p{n}", profile: F1000-E, count: 3, ssh: 127.0.0.1:3000, snmp: 127.0.0.1:1161 }
              - { name: "a{n}", profile: F1000-E, count: 2, ssh: 127.0.1.1:22, snmp: 127.0.1.1:161, step: address }
              - { name: quiet, profile: F1000-E, ssh: 127.0.0.1:4000 }
            """, Catalog);
        Assert.Equal([1161, 1162, 1163], specs.Take(3).Select(s => s.SnmpEndPoint!.Port));
        Assert.Equal([IPAddress.Parse("127.0.1.1"), IPAddress.Parse("127.0.1.2")], specs.Skip(3).Take(2).Select(s => s.SnmpEndPoint!.Address));
        Assert.All(specs.Skip(3).Take(2), s => Assert.Equal(161, s.SnmpEndPoint!.Port));
        Assert.Null(specs[^1].SnmpEndPoint);
    }

    [Theory]
    [InlineData("{ name: a, profile: F1000-E, ssh: 127.0.0.1:1, snmp: 127.0.0.1 }", "'snmp' must be address:port")]
    [InlineData("{ name: a, profile: F1000-E, ssh: 127.0.0.1:1, snmp: nowhere:1 }", "'snmp' must be address:port")]
    [InlineData("{ name: a, profile: F1000-E, count: 3, ssh: 127.0.0.1:1, snmp: 127.0.0.1:65534 }", "run past the end")]
    public void Bad_snmp_endpoints_are_reported(string entry, string message)
    {
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", "devices:\n  - " + entry + "\n", Catalog));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_devices_cannot_share_an_snmp_endpoint()
    {
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", """
            devices:
              - { name: a, profile: F1000-E, ssh: 127.0.0.1:1, snmp: 127.0.0.1:1161 }
              - { name: b, profile: F1000-E, ssh: 127.0.0.1:2, snmp: 127.0.0.1:1161 }
            """, Catalog));
        Assert.Contains("already taken by 'a'", ex.Message, StringComparison.Ordinal);
    }
}
