using System.Diagnostics;
using System.Text;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests;

/// <summary>Issue 20: a 10-alias, 9-level fleet file (a "billion laughs") kept the host busy for over 10 s before it started.</summary>
public class YamlBombTests
{
    /// <summary>Level 0 is ten scalars; every further level lists the previous one ten times: 10^levels nodes once expanded.</summary>
    internal static string AliasBomb(int levels)
    {
        var text = new StringBuilder("bomb:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < levels; level++)
        {
            var alias = "*a" + (level - 1);
            text.Append("  - &a").Append(level).Append(" [").Append(string.Join(", ", Enumerable.Repeat(alias, 10))).Append("]\n");
        }

        return text.Append("devices:\n  - { name: fw1, profile: F1000-E, ssh: \"127.0.0.1:2201\" }\n").ToString();
    }

    [Fact]
    public void Yaml_alias_bomb_fleet_is_refused_at_once()
    {
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", AliasBomb(9), ShippedProfileTests.Shipped));
        clock.Stop();
        Assert.Contains("aliases", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Yaml_alias_bomb_profile_is_refused_at_once()
    {
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<YamlValidationException>(() => ProfileCatalog.LoadFiles([("bomb.yaml", AliasBomb(9))]));
        clock.Stop();
        Assert.Contains("aliases", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Yaml_nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = "devices: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", deep, ShippedProfileTests.Shipped));
        Assert.Contains("nested", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_document_larger_than_the_limit_is_an_error()
    {
        var big = "devices: []\n#" + new string('x', YamlContext.MaxDocumentChars) + "\n";
        var ex = Assert.Throws<YamlValidationException>(() => FleetFile.Parse("fleet.yaml", big, ShippedProfileTests.Shipped));
        Assert.Contains("larger than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_aliases_of_ordinary_size_still_work()
    {
        var specs = FleetFile.Parse("fleet.yaml", """
            devices:
              - &edge { name: fw1, profile: F1000-E, ssh: "127.0.0.1:2201" }
              - { name: fw2, profile: F1000-E, ssh: "127.0.0.1:2202" }
            """, ShippedProfileTests.Shipped);
        Assert.Equal(2, specs.Count);
    }
}
