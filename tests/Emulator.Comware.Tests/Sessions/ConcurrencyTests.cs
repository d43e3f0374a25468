using Emulator.Comware.Sessions;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Sessions;

/// <summary>
/// A session that waits on its client — at the pager, at a Y/N question, or because the client stopped reading —
/// never holds up another session, a save or a configuration read (issue: sessions never block each other).
/// </summary>
public class ConcurrencyTests
{
    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(5);

    private static async Task<LiveShell> LoginAsync(ComwareDevice device, string user, int port, int outputLimit = 0)
    {
        var session = await CliSession.OpenAsync(device, new LoginRequest(user, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)), TestContext.Current.CancellationToken);
        var shell = LiveShell.Start(session, outputLimit);
        await shell.ReadUntilAsync("<H3C>");
        return shell;
    }

    private static ComwareDevice Device() => TestDevices.Create(ComwareDialect.V5, "#\n sysname H3C\n#\nlocal-user admin\n password simple admin\n service-type ssh\n level 3\n#\nreturn\n");

    /// <summary>B runs display clock, saves, and the configuration is read, all while A waits; then A finishes normally.</summary>
    private static async Task AssertOthersGoOnAsync(ComwareDevice device, LiveShell a, string waitingMarker)
    {
        Assert.Contains(waitingMarker, a.Seen, StringComparison.Ordinal);
        await using var b = await LoginAsync(device, "admin", 40002);
        await b.TypeAsync("display clock\r");
        var clock = await b.ReadUntilAsync("<H3C>", s_prompt);
        Assert.Contains("2026", clock, StringComparison.Ordinal);

        await b.TypeAsync("save force\r");
        Assert.Contains("Configuration is saved to device successfully.", await b.ReadUntilAsync("<H3C>", s_prompt), StringComparison.Ordinal);

        var config = await device.RenderCurrentConfigurationAsync(TestContext.Current.CancellationToken).WaitAsync(s_prompt, TestContext.Current.CancellationToken);
        Assert.Contains(" sysname H3C", config, StringComparison.Ordinal);
        Assert.False(a.Completion.IsCompleted, "A should still be waiting on its client");
    }

    [Fact]
    public async Task A_session_at_the_pager_blocks_nobody()
    {
        using var device = Device();
        await using var a = await LoginAsync(device, "admin", 40001);
        a.Session.ScreenLength = 3;
        await a.TypeAsync("display current-configuration\r");
        await a.ReadUntilAsync(CliSession.MorePrompt);

        await AssertOthersGoOnAsync(device, a, CliSession.MorePrompt);

        await a.TypeAsync("q");
        await a.ReadUntilAsync("<H3C>", s_prompt);
    }

    [Fact]
    public async Task A_session_at_a_yes_no_question_blocks_nobody()
    {
        using var device = Device();
        await using var a = await LoginAsync(device, "admin", 40001);
        await a.TypeAsync("save\r");
        await a.ReadUntilAsync("[Y/N]:");

        await AssertOthersGoOnAsync(device, a, "[Y/N]:");

        await a.TypeAsync("n\r");
        await a.ReadUntilAsync("<H3C>", s_prompt);
    }

    [Fact]
    public async Task A_client_that_stopped_reading_blocks_nobody()
    {
        using var device = Device();
        // A's channel takes 256 bytes and nobody reads them: its next display stalls in the flush.
        await using var a = await LoginAsync(device, "admin", 40001, outputLimit: 256);
        a.Session.ScreenLength = null;
        await a.TypeAsync(string.Concat(Enumerable.Repeat("display current-configuration\r", 20)));
        await Task.Delay(200, TestContext.Current.CancellationToken);

        await AssertOthersGoOnAsync(device, a, "<H3C>");
    }

    [Fact]
    public async Task A_paused_pager_does_not_delay_a_reboot_style_reload()
    {
        using var device = Device();
        await using var a = await LoginAsync(device, "admin", 40001);
        a.Session.ScreenLength = 3;
        await a.TypeAsync("display current-configuration\r");
        await a.ReadUntilAsync(CliSession.MorePrompt);

        var report = await device.BootAsync(TestContext.Current.CancellationToken).WaitAsync(s_prompt, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded);
    }
}
