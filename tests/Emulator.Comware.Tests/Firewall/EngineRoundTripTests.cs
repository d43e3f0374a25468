using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Firewall;

/// <summary>The fixtures replay through the real parser and render back identically (one grammar, no second parser).</summary>
public class EngineRoundTripTests
{
    [Theory]
    [InlineData(ComwareDialect.V5, "firewall-v5.cfg")]
    [InlineData(ComwareDialect.V7, "firewall-v7.cfg")]
    public async Task Fixture_replays_without_errors_and_renders_identically(ComwareDialect dialect, string file)
    {
        var fixture = File.ReadAllText(Path.Combine(RenderTests.FixtureDirectory(), file)).ReplaceLineEndings("\n");
        var device = TestDevices.Create(dialect, "#\n sysname FW\n" + fixture + "#\nreturn\n");
        var report = await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("\n", report.Errors.Select(e => $"{e.LineNumber}: {e.Line} -> {e.Message}")));
        var model = device.GetState<FirewallState>().Config;
        Assert.Equal(fixture, string.Join('\n', FirewallRenderer.RenderLines(model)) + "\n");
        var rendered = device.RenderCurrentConfiguration();
        Assert.Contains(fixture.TrimEnd('\n'), rendered, StringComparison.Ordinal);

        var again = TestDevices.Create(dialect, rendered);
        var second = await again.EnsureBootedAsync(TestContext.Current.CancellationToken);
        Assert.True(second.Succeeded, string.Join("\n", second.Errors.Select(e => $"{e.LineNumber}: {e.Line} -> {e.Message}")));
        Assert.Equal(rendered, again.RenderCurrentConfiguration());
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Rejected_lines_change_nothing(ComwareDialect dialect)
    {
        var port = dialect == ComwareDialect.V5 ? "GigabitEthernet0/1" : "GigabitEthernet1/0/1";
        var other = dialect == ComwareDialect.V5 ? "GigabitEthernet0/2" : "GigabitEthernet1/0/2";
        var text = $"#\ninterface {port}\n ip address 10.0.0.1 255.255.255.0\n#\ninterface {other}\n ip address 10.0.0.2 255.255.255.0\n#\nreturn\n";
        var device = TestDevices.Create(dialect, text);
        var report = await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var error = Assert.Single(report.Errors);
        Assert.Equal(FwErrors.SubnetOverlaps, error.Message.Trim());
        Assert.Null(device.GetState<FirewallState>().Config.Interfaces.Find(other)!.PrimaryAddress);
    }
}

/// <summary>The fixtures typed line by line into a shell (as netmiko's send_config_set does) give the same model.</summary>
public class InteractivePushTests
{
    [Theory]
    [InlineData(ComwareDialect.V5, "firewall-v5.cfg")]
    [InlineData(ComwareDialect.V7, "firewall-v7.cfg")]
    public async Task Fixture_typed_into_the_shell_without_separators_builds_the_same_configuration(ComwareDialect dialect, string file)
    {
        var fixture = File.ReadAllText(Path.Combine(RenderTests.FixtureDirectory(), file)).ReplaceLineEndings("\n");
        var lines = fixture.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != "#");
        var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var input = "screen-length disable\rsystem-view\r" + string.Join("\r", lines) + "\rreturn\rquit\r";
        var output = await ShellDriver.RunAsync(device, input);
        Assert.DoesNotContain("% ", output.Replace("% Screen-length", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(fixture, string.Join('\n', FirewallRenderer.RenderLines(device.GetState<FirewallState>().Config)) + "\n");
    }
}
