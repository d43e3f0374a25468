using Emulator.Comware;
using Emulator.Device.Profiles;

namespace Emulator.Device.Tests;

public class ShippedProfileTests
{
    private static readonly string[] _seedModels =
    [
        "F1000-E", "F5000-A5", "F1000-A-EI", "F1000-E-SI", "F1000-S-AI", "F5000-S", "F5000-C", "F100-C-SI", "F1000-C-SI",
        "F100-A-SI", "SecBlade-FW-Card", "SecBlade-FW-Enhanced-Card", "U200-A", "U200-M", "U200-S", "U200-CA", "U200-CM", "U200-CS",
    ];

    internal static ProfileCatalog Shipped { get; } = ProfileCatalog.Load(ProfileCatalog.FindShippedDirectory()!);

    [Fact]
    public void Every_seed_model_has_a_V5_profile()
    {
        foreach (var name in _seedModels)
        {
            var profile = Shipped.Get(name);
            Assert.Equal(ComwareDialect.V5, profile.Dialect);
            Assert.Equal("5.20", profile.SoftwareVersion);
            Assert.Equal("SSH-1.99-Comware-5.20", profile.Ssh.Identification);
            Assert.Contains("diffie-hellman-group1-sha1", profile.Ssh.Algorithms.KeyExchange);
            Assert.Contains("3des-cbc", profile.Ssh.Algorithms.Ciphers);
            Assert.Contains("hmac-md5", profile.Ssh.Algorithms.Macs);
            // DSA or RSA host key pair (issue 19); ssh-dss is offered only while a DSA key pair exists.
            Assert.Equal(["ssh-rsa", "ssh-dss"], profile.Ssh.Algorithms.HostKey);
            Assert.Equal([new HostKeySpec("ssh-rsa", 1024)], profile.Ssh.HostKeys);
            Assert.NotEmpty(profile.Interfaces);
            Assert.Contains(profile.Users, u => u is { Name: "admin", Password: "admin", Level: 3 });
        }
    }

    [Fact]
    public void At_least_one_V7_model_ships()
    {
        var v7 = Shipped.Models.Where(m => m.Dialect == ComwareDialect.V7).ToList();
        Assert.NotEmpty(v7);
        Assert.All(v7, p => Assert.Equal("SSH-2.0-Comware-7.1.064", p.Ssh.Identification));
        Assert.Contains(Shipped.Get("F1000-AI-55").Users, u => u is { Name: "admin", Role: "network-admin" });
    }

    [Fact]
    public void Families_are_abstract_and_not_models()
    {
        Assert.Contains("comware-v5-firewall", Shipped.Families);
        Assert.Contains("comware-v7-firewall", Shipped.Families);
        Assert.False(Shipped.TryGet("comware-v5-firewall", out _));
    }

    [Fact]
    public void F1000_E_has_four_gigabit_ports_with_real_names()
    {
        var names = Shipped.Get("F1000-E").Interfaces.Select(i => i.Name);
        Assert.Equal(["GigabitEthernet0/0", "GigabitEthernet0/1", "GigabitEthernet0/2", "GigabitEthernet0/3"], names);
        Assert.Equal("SecPath F1000-E", Shipped.Get("F1000-E").Model);
        Assert.Equal("3177", Shipped.Get("F1000-E").Release);
    }

    [Fact]
    public void Chassis_models_use_slot_subslot_port_names()
    {
        var f5000 = Shipped.Get("F5000-A5");
        Assert.Contains(f5000.Interfaces, i => i.Name == "GigabitEthernet1/0/7");
        Assert.Contains(f5000.Interfaces, i => i is { Name: "Ten-GigabitEthernet2/0/3", DefaultSpeed: "10000", MediaType: "fiber" });
        Assert.Equal(3, f5000.Hardware.Boards.Count);
    }

    [Fact]
    public void Multi_level_inheritance_takes_the_nearest_value()
    {
        // U200-S <- secpath-u200-v5 <- secpath-f1000-v5 <- comware-v5-firewall
        var u200 = Shipped.Get("U200-S");
        Assert.Equal("5135", u200.Release);                          // model file
        Assert.Equal("SecPath U200 UTM (V5)", u200.Family);          // secpath-u200-v5
        Assert.Contains("ip address 192.168.0.1", u200.DefaultConfiguration, StringComparison.Ordinal); // secpath-f1000-v5
        Assert.Equal("H3C", u200.DefaultSysname);                    // comware-v5-firewall
        Assert.Equal(5, u200.Interfaces.Count);                      // model overrides the family list
    }

    [Fact]
    public void Device_policy_keeps_the_model_list_and_union_puts_it_first()
    {
        var f1000 = Shipped.Get("F1000-E").Ssh;
        Assert.Same(f1000.Algorithms, AlgorithmPolicy.Device.Algorithms(f1000.Algorithms));
        var union = AlgorithmPolicy.DeviceAndModern.Algorithms(f1000.Algorithms);
        Assert.Equal(f1000.Algorithms.KeyExchange, union.KeyExchange.Take(f1000.Algorithms.KeyExchange.Count));
        Assert.Contains("curve25519-sha256", union.KeyExchange);
        Assert.Equal(union.Ciphers.Count, union.Ciphers.Distinct().Count());
        var keys = AlgorithmPolicy.DeviceAndModern.HostKeys(f1000.HostKeys);
        Assert.Equal(new HostKeySpec("ssh-rsa", 1024), keys[0]);
        Assert.Contains(keys, k => k.KeyType == "ssh-ed25519");
        Assert.Single(keys, k => k.KeyType == "ssh-rsa");
        Assert.Equal(AlgorithmPolicy.DeviceAndModern, f1000.DefaultPolicy);
    }

    [Fact]
    public void Facts_are_stable_per_device_and_differ_between_devices()
    {
        var profile = Shipped.Get("F1000-E");
        var a1 = profile.CreateFacts("fw1");
        var a2 = profile.CreateFacts("fw1");
        var b = profile.CreateFacts("fw2");
        Assert.Equal(a1.Hardware.SerialNumber, a2.Hardware.SerialNumber);
        Assert.NotEqual(a1.Hardware.SerialNumber, b.Hardware.SerialNumber);
        Assert.Matches("^210235A0[0-9]{10}$", a1.Hardware.SerialNumber);
        Assert.Matches("^3822-d6[0-9a-f]{2}-[0-9a-f]{4}$", a1.Hardware.BaseMacAddress);
        Assert.NotEqual(a1.Interfaces[0].MacAddress, a1.Interfaces[1].MacAddress);
        Assert.Equal("Release 3177", a1.Release);
    }

    [Fact]
    public void Factory_configuration_is_comware_text_in_the_dialect()
    {
        var v5 = Shipped.Get("F1000-E").CreateFacts("fw1", "edge-1").DefaultConfiguration;
        Assert.StartsWith("#\n sysname edge-1\n", v5, StringComparison.Ordinal);
        Assert.Contains("local-user admin\n password simple admin\n authorization-attribute level 3\n service-type ssh telnet terminal web\n", v5, StringComparison.Ordinal);
        Assert.EndsWith("#\nreturn\n", v5, StringComparison.Ordinal);

        var v7 = Shipped.Get("F1000-AI-55").CreateFacts("fw2", users: [new ProfileUser("ops", "Secret@123", null, "network-operator", ["ssh"])]).DefaultConfiguration;
        Assert.Contains("local-user ops class manage\n password simple Secret@123\n service-type ssh\n authorization-attribute user-role network-operator\n", v7, StringComparison.Ordinal);
        Assert.DoesNotContain("local-user admin", v7, StringComparison.Ordinal);
    }
}
