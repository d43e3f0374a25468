using Emulator.Comware.Commands.Netconf;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Netconf;

/// <summary><c>netconf ssh server enable|port</c>: V7 only, rendered after the SSH lines, replayed from the saved file.</summary>
public sealed class NetconfCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_settings_render_and_replay()
    {
        var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(Ct);
        Assert.True((await device.LoadConfigurationAsync("netconf ssh server enable\nnetconf ssh server port 8830\n", Ct)).Succeeded);
        var running = await device.RenderCurrentConfigurationAsync(Ct);
        Assert.Contains("\n netconf ssh server enable\n netconf ssh server port 8830\n", running, StringComparison.Ordinal);

        var rebooted = TestDevices.Create(ComwareDialect.V7, running);
        await rebooted.EnsureBootedAsync(Ct);
        Assert.True(rebooted.GetState<NetconfSettings>().SshServerEnabled);
        Assert.Equal(8830, rebooted.GetState<NetconfSettings>().Port);

        Assert.True((await rebooted.LoadConfigurationAsync("undo netconf ssh server enable\nundo netconf ssh server port\n", Ct)).Succeeded);
        Assert.DoesNotContain("netconf", await rebooted.RenderCurrentConfigurationAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V5_has_no_netconf_commands()
    {
        var device = TestDevices.Create(ComwareDialect.V5);
        await device.EnsureBootedAsync(Ct);
        Assert.False((await device.LoadConfigurationAsync("netconf ssh server enable\n", Ct)).Succeeded);
    }
}
