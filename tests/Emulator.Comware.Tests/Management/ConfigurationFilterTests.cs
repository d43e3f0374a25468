using Emulator.Comware.Commands.Platform;

namespace Emulator.Comware.Tests.Management;

/// <summary>display current-configuration configuration FEATURE picks blocks by their first command (issue 13).</summary>
public class ConfigurationFilterTests
{
    private static readonly string[] s_config =
    [
        "#", " version 7.1.064, Release 9333P26", "#", " sysname FW1", "#", "acl basic 2000", " rule 5 permit", "#",
        "interface GigabitEthernet1/0/1", " ip address 10.1.1.1 255.255.255.0", "#", " ip route-static 0.0.0.0 0 10.1.1.254", "#", "return",
    ];

    [Fact]
    public void Blocks_skip_the_version_line_and_return()
    {
        var blocks = ConfigurationFilterCommands.Blocks(s_config);

        Assert.Equal(4, blocks.Count);
        Assert.Equal(" sysname FW1", blocks[0][0]);
    }

    [Theory]
    [InlineData("acl", "acl basic 2000")]
    [InlineData("interface", "interface GigabitEthernet1/0/1")]
    [InlineData("ip", " ip route-static 0.0.0.0 0 10.1.1.254")]
    [InlineData("system", " sysname FW1")]
    public void A_feature_selects_exactly_its_blocks(string feature, string firstLine)
    {
        var selected = ConfigurationFilterCommands.Blocks(s_config).Where(b => ConfigurationFilterCommands.IsFeature(b, feature)).ToList();

        Assert.Equal(firstLine, Assert.Single(selected)[0]);
    }
}
