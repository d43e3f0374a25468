using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

/// <summary>
/// The running configuration is rendered once per configuration version: displays leave the version alone, anything
/// else that holds the device lock moves it, and a kept rendering is never shown after a change.
/// </summary>
public class RenderedConfigurationTests
{
    [Fact]
    public async Task Displays_keep_the_version_and_reuse_one_rendering()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(CancellationToken.None);
        var before = device.ConfigurationVersion;
        var first = await ShellDriver.ExecAsync(device, "display current-configuration");
        var kept = await Rendering(device);
        var second = await ShellDriver.ExecAsync(device, "display current-configuration");

        Assert.Equal(first, second);
        Assert.Equal(before, device.ConfigurationVersion);
        Assert.Same(kept, await Rendering(device));
        Assert.Contains(" sysname H3C", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_moves_the_version_and_the_next_display_shows_it()
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        await ShellDriver.ExecAsync(device, "display current-configuration");
        var kept = await Rendering(device);
        var version = device.ConfigurationVersion;

        await device.LoadConfigurationAsync("sysname edge-7\n", CancellationToken.None);
        var after = await ShellDriver.ExecAsync(device, "display current-configuration");

        Assert.True(device.ConfigurationVersion > version);
        Assert.NotSame(kept, await Rendering(device));
        Assert.Contains(" sysname edge-7", after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" sysname H3C", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shell_change_between_two_displays_is_shown()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        var output = await ShellDriver.RunAsync(device,
            "screen-length disable\rdisplay current-configuration\rsystem-view\rsysname core-1\rreturn\rdisplay current-configuration\rquit\r");

        var second = output[output.LastIndexOf("display current-configuration", StringComparison.Ordinal)..];
        Assert.Contains(" sysname core-1", second, StringComparison.Ordinal);
        Assert.DoesNotContain(" sysname H3C", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rendering_made_while_a_holder_may_change_things_is_not_kept()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(CancellationToken.None);
        RenderedConfiguration during;
        using (await device.LockAsync(CancellationToken.None))
        {
            during = device.CurrentConfiguration();
        }

        Assert.Equal(-1, during.Version);
        Assert.NotSame(during, await Rendering(device));
    }

    [Fact]
    public async Task Filtered_and_paged_displays_still_see_every_line()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        var filtered = await ShellDriver.ExecAsync(device, "display current-configuration | include sysname");
        Assert.Equal(" sysname H3C", filtered.Output.Trim('\r', '\n'));

        // Interactive, 24 rows: the kept block is split into pages like any other output.
        var paged = await ShellDriver.RunAsync(device, "display current-configuration\r q");
        Assert.Contains("---- More ----", paged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_dialect_gets_its_own_line_terminator_from_a_shared_rendering()
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        var exec = await ShellDriver.ExecAsync(device, "display current-configuration");
        Assert.Contains(" sysname H3C\r\r\n", exec.Output, StringComparison.Ordinal);
        var block = (await Rendering(device)).Block;
        Assert.Equal(block.Text.Replace("\n", "\r\n", StringComparison.Ordinal), block.For("\r\n").Text);
        Assert.Equal(block.Text.Replace("\n", "\r\r\n", StringComparison.Ordinal), block.For("\r\r\n").Text);
    }

    private static async Task<RenderedConfiguration> Rendering(ComwareDevice device)
    {
        using var held = await device.ReadLockAsync(CancellationToken.None);
        return device.CurrentConfiguration();
    }
}
