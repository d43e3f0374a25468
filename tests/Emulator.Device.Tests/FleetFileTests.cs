using System.Net;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests;

public class FleetFileTests
{
    private static ProfileCatalog Catalog => ShippedProfileTests.Shipped;

    [Fact]
    public void Single_devices_take_their_settings_and_the_profile_defaults()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - name: edge1
                profile: F1000-E
                ssh: 127.0.0.1:2201
                sysname: EDGE-1
                algorithm-policy: device
                users:
                  - { name: ops, password: opspass, level: 2, services: [ssh] }
              - name: core
                profile: F1000-AI-55
                ssh: "[::1]:2202"
            """, Catalog);
        Assert.Equal(2, specs.Count);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2201), specs[0].SshEndPoint);
        Assert.Equal(AlgorithmPolicy.Device, specs[0].Policy);
        Assert.Equal("EDGE-1", specs[0].Sysname);
        Assert.Equal("ops", Assert.Single(specs[0].Users!).Name);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 2202), specs[1].SshEndPoint);
        Assert.Equal(AlgorithmPolicy.DeviceAndModern, specs[1].Policy);
        Assert.Null(specs[1].Users);
    }

    [Fact]
    public void Count_template_expands_on_consecutive_ports_with_numbered_names()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            defaults: { profile: U200-S }
            devices:
              - { name: "lab{n:3}", count: 3, ssh: 127.0.0.1:3000, start: 8 }
            """, Catalog);
        Assert.Equal(["lab008", "lab009", "lab010"], specs.Select(s => s.Name));
        Assert.Equal([3000, 3001, 3002], specs.Select(s => s.SshEndPoint.Port));
        Assert.All(specs, s => Assert.Equal("U200-S", s.Profile.Name));
    }

    [Fact]
    public void Count_template_expands_on_consecutive_loopback_addresses()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - { name: fw, profile: F1000-E, count: 300, ssh: 127.0.1.250:22, step: address }
            """, Catalog);
        Assert.Equal("fw1", specs[0].Name);
        Assert.Equal("fw300", specs[^1].Name);
        Assert.Equal(IPAddress.Parse("127.0.1.250"), specs[0].SshEndPoint.Address);
        Assert.Equal(IPAddress.Parse("127.0.2.0"), specs[6].SshEndPoint.Address);
        Assert.All(specs, s => Assert.Equal(22, s.SshEndPoint.Port));
    }

    [Fact]
    public void Overrides_derive_a_profile_for_one_device()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - name: old
                profile: F1000-E
                ssh: 127.0.0.1:0
                overrides:
                  software: { release: "3166" }
                  ssh: { identification: SSH-2.0-Comware-5.20 }
            """, Catalog);
        Assert.Equal("3166", specs[0].Profile.Release);
        Assert.Equal("SSH-2.0-Comware-5.20", specs[0].Profile.Ssh.Identification);
        Assert.Equal("3177", Catalog.Get("F1000-E").Release);
    }

    [Theory]
    [InlineData("devices:\n  - { name: a, profile: NoSuch, ssh: 127.0.0.1:1 }\n", "fleet.yaml:2:25", "unknown profile 'NoSuch'")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: localhost }\n", "fleet.yaml:2:39", "'ssh' must be address:port")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1 }\n  - { name: A, profile: F1000-E, ssh: 127.0.0.1:2 }\n", "fleet.yaml:3:13", "device name 'A' is used twice")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1 }\n  - { name: b, profile: F1000-E, ssh: 127.0.0.1:1 }\n", "fleet.yaml:3:39", "already taken by 'a'")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:65535, count: 2 }\n", "fleet.yaml:2:39", "run past 65535")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1, colour: red }\n", "fleet.yaml:2:52", "unknown key 'colour'")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1, overrides: { ssh: { algorithms: { macs: [hmac-sha3] } } } }\n", "fleet.yaml:2:93", "unknown MAC algorithm 'hmac-sha3'")]
    [InlineData("devices:\n  - { name: a/b, profile: F1000-E, ssh: 127.0.0.1:1 }\n", "fleet.yaml:2:13", "must be 1 to 63 letters")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1, users: [{ name: x, password: y, level: 1, role: network-admin }] }\n", "fleet.yaml:2:100", "give 'level' (V5) or 'role', not both")]
    [InlineData("devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:1, users: [{ name: x, password: y, role: boss }] }\n", "fleet.yaml:2:90", "unknown role 'boss'")]
    [InlineData("device:\n  - { name: a }\n", "fleet.yaml:1:1", "missing required key 'devices'")]
    [InlineData("devices:\n  - { name: \"\", profile: F1000-E, ssh: 127.0.0.1:1 }\n", "fleet.yaml:2:13", "device name '' must be")]
    [InlineData("devices:\n  - { name: \"\", profile: F1000-E, count: 3, step: addres, ssh: 127.0.1.1:22 }\n", "fleet.yaml:2:51", "'step' must be port or address")]
    public void Broken_fleet_files_are_rejected_with_a_position(string yaml, string location, string fragment)
    {
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", yaml, Catalog));
        Assert.Contains(ex.Errors, e => e.ToString().StartsWith(location, StringComparison.Ordinal) && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("network-admin", 3)]
    [InlineData("network-operator", 1)]
    [InlineData("level-2", 2)]
    [InlineData("level-15", 3)]
    public void A_role_on_a_V5_device_becomes_the_level_it_stands_for(string role, int level)
    {
        var specs = FleetFile.Parse("fleet.yaml", $"devices:\n  - {{ name: a, profile: F1000-E, ssh: 127.0.0.1:1, users: [{{ name: x, password: y, role: {role} }}] }}\n", Catalog);
        var user = Assert.Single(specs[0].Users!);
        Assert.Equal(level, user.Level);
        Assert.Null(user.Role);
    }

    [Fact]
    public void Numbered_names_pad_or_append()
    {
        Assert.Equal("fw7", FleetFile.Numbered("fw", 7));
        Assert.Equal("fw-007-x", FleetFile.Numbered("fw-{n:3}-x", 7));
        Assert.Equal("r12", FleetFile.Numbered("r{n}", 12));
    }
}

public class SampleFleetTests
{
    [Fact]
    public void The_shipped_sample_fleet_file_is_valid()
    {
        var file = Path.Combine(Path.GetDirectoryName(ProfileCatalog.FindShippedDirectory()!)!, "fleet.sample.yaml");
        var specs = FleetFile.Load(file, ShippedProfileTests.Shipped);
        Assert.Equal(24, specs.Count);
        Assert.Equal("branch20", specs[^1].Name);
        Assert.Equal(2320, specs[^1].SshEndPoint.Port);
        Assert.Equal("3166", specs.Single(s => s.Name == "old-fw").Profile.Release);
        Assert.Equal("GigabitEthernet1/0/1", Assert.Single(specs.Single(s => s.Name == "edge-fw").Neighbors).PortId);
    }
}
