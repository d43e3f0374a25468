using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests;

/// <summary>Issue 20: `--device-name ../../x` wrote outside the state folder; fleet names matched with '$' (a trailing newline passed).</summary>
public class DeviceNameTests
{
    [Theory]
    [InlineData("../../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/etc")]
    [InlineData("fw1\n")]
    [InlineData(".hidden")]
    [InlineData("fw\u00e91")]
    [InlineData("")]
    public void Device_name_outside_state_dir_is_refused_by_the_state_folder(string name)
    {
        Assert.False(DeviceStateDirectory.IsValidDeviceName(name));
        Assert.ThrowsAny<ArgumentException>(() => new DeviceStateDirectory(Path.GetTempPath(), name));
    }

    [Theory]
    [InlineData("fw1")]
    [InlineData("edge-01.lab_2")]
    [InlineData("A")]
    public void Ordinary_device_names_are_accepted(string name) => Assert.True(DeviceStateDirectory.IsValidDeviceName(name));

    [Fact]
    public void Device_name_longer_than_63_is_refused() =>
        Assert.False(DeviceStateDirectory.IsValidDeviceName(new string('a', 64)));

    [Theory]
    [InlineData("\"fw1\\n\"")]
    [InlineData("\"../x\"")]
    [InlineData("\"fw1/../../x\"")]
    public void Fleet_name_with_trailing_newline_or_path_is_an_error(string yamlName)
    {
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", $"""
            devices:
              - name: {yamlName}
                profile: F1000-E
                ssh: 127.0.0.1:2201
            """, ShippedProfileTests.Shipped));
        Assert.Contains("must be 1 to 63 letters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_identification_with_trailing_newline_is_an_error()
    {
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", """
            devices:
              - name: fw1
                profile: F1000-E
                ssh: 127.0.0.1:2201
                overrides:
                  ssh:
                    identification: "SSH-2.0-Comware-7.1\n"
            """, ShippedProfileTests.Shipped));
        Assert.Contains("'identification' must be", ex.Message, StringComparison.Ordinal);
    }
}
