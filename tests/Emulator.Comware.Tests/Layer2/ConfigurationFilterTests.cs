using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Layer2;

/// <summary><c>display current-configuration [interface X | configuration F] [by-linenum]</c> with <c>| begin/include/exclude</c> (issue 13).</summary>
public class ConfigurationFilterTests
{
    private static async Task<string> RunAsync(ComwareDialect dialect, string command)
    {
        var device = TestDevices.Create(dialect);
        var (status, output) = await ShellDriver.ExecAsync(device, command);
        Assert.Equal(0, status);
        return output.Replace("\r", "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task By_linenum_numbers_every_form(ComwareDialect dialect)
    {
        var full = await RunAsync(dialect, "display current-configuration by-linenum");
        Assert.StartsWith("     1:  #\n     2:   version ", full, StringComparison.Ordinal);
        Assert.Matches(@"\n +\d+:  return\n", full);

        var port = dialect == ComwareDialect.V5 ? "GigabitEthernet0/1" : "GigabitEthernet1/0/1";
        var one = await RunAsync(dialect, $"display current-configuration interface {port} by-linenum");
        Assert.StartsWith($"     1:  #\n     2:  interface {port}\n", one, StringComparison.Ordinal);

        var system = await RunAsync(dialect, "display current-configuration configuration system by-linenum");
        Assert.Contains(":   sysname H3C\n", system, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ComwareDialect.V5, "display current-configuration | include sysname", " sysname H3C\n")]
    [InlineData(ComwareDialect.V7, "display current-configuration by-linenum | include sysname", ":   sysname H3C\n")]
    [InlineData(ComwareDialect.V5, "display current-configuration interface | begin interface NULL0", "interface NULL0\n")]
    [InlineData(ComwareDialect.V7, "display current-configuration configuration system by-linenum | exclude #", ":   sysname H3C\n")]
    [InlineData(ComwareDialect.V7, "display current-configuration interface by-linenum | include NULL0", ":  interface NULL0\n")]
    public async Task Filters_apply_to_every_form(ComwareDialect dialect, string command, string expected)
    {
        var output = await RunAsync(dialect, command);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("%", output, StringComparison.Ordinal);
        if (command.Contains("include", StringComparison.Ordinal) || command.Contains("exclude", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("  #\n", output, StringComparison.Ordinal);
        }
    }
}
