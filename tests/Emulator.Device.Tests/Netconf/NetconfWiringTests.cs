using System.Net;
using Emulator.Device.Fleet;
using Emulator.Device.Tests.Telnet;
using Emulator.Device.Wiring;
using Emulator.Device.Yaml;
using Emulator.Ssh;

namespace Emulator.Device.Tests.Netconf;

/// <summary>When the netconf subsystem is offered, and the fleet file's netconf: and telnet: endpoints.</summary>
public sealed class NetconfWiringTests
{
    private static SubsystemRequest Request(string user) => new("netconf", user, null, null);

    [Fact]
    public void The_subsystem_is_offered_on_V7_only_while_enabled_and_to_users_allowed_netconf()
    {
        var subsystem = DeviceSubsystems.Find("netconf");
        Assert.NotNull(subsystem);
        Assert.False(subsystem.IsOffered(TelnetLoginTests.Device("F1000-AI-55", ""), Request("admin")));
        Assert.False(subsystem.IsOffered(TelnetLoginTests.Device("F1000-E", ""), Request("admin")));

        var v7 = TelnetLoginTests.Device("F1000-AI-55", "netconf ssh server enable\nssh user ops service-type stelnet authentication-type password\nssh user nc service-type netconf authentication-type password\n");
        Assert.True(subsystem.IsOffered(v7, Request("admin")));
        Assert.True(subsystem.IsOffered(v7, Request("nc")));
        Assert.False(subsystem.IsOffered(v7, Request("ops")));
    }

    [Fact]
    public void Fleet_entries_take_netconf_and_telnet_endpoints_stepped_like_ssh()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - { name: "fw{n}", profile: F1000-AI-55, ssh: "127.0.0.1:2201", netconf: "127.0.0.1:8301", telnet: "127.0.0.1:2301", count: 2 }
              - { name: plain, profile: F1000-E, ssh: "127.0.0.1:2299" }
            """, ShippedProfileTests.Shipped);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8302), specs[1].NetconfEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2302), specs[1].TelnetEndPoint);
        Assert.Null(specs[2].NetconfEndPoint);
        Assert.Null(specs[2].TelnetEndPoint);
    }

    [Theory]
    [InlineData("{ name: a, profile: F1000-E, ssh: \"127.0.0.1:2201\", telnet: \"127.0.0.1:2201\" }", "already taken")]
    [InlineData("{ name: a, profile: F1000-E, ssh: \"127.0.0.1:2201\", netconf: \"nowhere\" }", "'netconf' must be address:port")]
    public void Bad_or_clashing_endpoints_are_errors(string entry, string message)
    {
        var error = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", "devices:\n  - " + entry + "\n", ShippedProfileTests.Shipped));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
