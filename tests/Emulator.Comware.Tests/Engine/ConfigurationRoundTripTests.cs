using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

public class ConfigurationRoundTripTests
{
    /// <summary>render(replay(render(m))) == render(m), for the default command set of both dialects.</summary>
    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Rendered_configuration_replays_to_the_same_rendering(ComwareDialect dialect)
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(dialect);
        var boot = await device.BootAsync(ct);
        Assert.Empty(boot.Errors);

        // Build a model through the shell, as a user would.
        await ShellDriver.RunAsync(device, "system-view\rsysname FW-Edge_1\rquit\rquit\r");
        var first = device.RenderCurrentConfiguration();
        Assert.Contains(" sysname FW-Edge_1\n", first, StringComparison.Ordinal);

        using var replayed = TestDevices.Create(dialect, startupConfiguration: first);
        var report = await replayed.BootAsync(ct);
        Assert.Empty(report.Errors);
        Assert.Equal(first, replayed.RenderCurrentConfiguration());
    }

    [Fact]
    public async Task Current_configuration_has_version_sections_and_return()
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        await device.BootAsync(TestContext.Current.CancellationToken);
        var text = device.RenderCurrentConfiguration();
        Assert.StartsWith("#\n version 5.20, Release 3177\n#\n sysname H3C\n#\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n#\nreturn\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boot_reports_every_bad_line_with_its_number_and_keeps_the_good_ones()
    {
        const string config = "#\n version 5.20, Release 3177\n#\n sysname Good\n#\n bogus command\n sysname\nreturn\n";
        using var device = TestDevices.Create(ComwareDialect.V5, config);
        var report = await device.BootAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Good", device.Sysname);
        Assert.Equal(
            [new ConfigurationError(6, " bogus command", "% Unrecognized command found at '^' position."),
             new ConfigurationError(7, " sysname", "% Incomplete command found at '^' position.")],
            report.Errors);
        Assert.Same(report, device.LastBootReport);
    }

    [Fact]
    public async Task Failing_handlers_are_reported_with_their_message()
    {
        var module = new TestModule();
        using var device = TestDevices.Create(ComwareDialect.V5, "fail\n", TestModule.Build(module));
        var report = await device.BootAsync(TestContext.Current.CancellationToken);
        Assert.Equal("% It failed.", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public async Task Boot_without_startup_file_uses_the_profile_default_and_reset_returns_to_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(ct);
        await device.LoadConfigurationAsync("sysname Changed\n", ct);
        Assert.Equal("Changed", device.Sysname);
        await device.ResetToDefaultsAsync(ct);
        Assert.Equal("H3C", device.Sysname);
    }

    [Fact]
    public async Task Sub_view_lines_replay_in_their_view_and_hash_lines_return_to_system_view()
    {
        var module = new TestModule();
        using var device = TestDevices.Create(ComwareDialect.V5, "interface GigabitEthernet0/1\n description uplink\n#\n description orphan\n", TestModule.Build(module));
        var report = await device.BootAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, Assert.Single(report.Errors).LineNumber);
        Assert.Contains(module.Calls, c => c.Contains("text=uplink", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Multi_line_commands_read_their_continuation_lines_from_the_configuration()
    {
        var module = new TestModule();
        using var device = TestDevices.Create(ComwareDialect.V5, "block\n# not a separator here\n ping x\n.\n sysname After\n", TestModule.Build(module));
        var report = await device.BootAsync(TestContext.Current.CancellationToken);
        Assert.Empty(report.Errors);
        Assert.Equal(["block line # not a separator here", "block line  ping x"], module.Calls.Where(c => c.StartsWith("block line", StringComparison.Ordinal)));
        Assert.Equal("After", device.Sysname);
    }
}
