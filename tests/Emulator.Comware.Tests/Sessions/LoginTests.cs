using System.Net;
using Emulator.Comware.Sessions;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Sessions;

/// <summary>
/// The login context: each login takes the lowest free VTY, gets that line's idle-timeout and screen-length, is
/// marked in <c>display users</c>, and is refused when every VTY is taken.
/// </summary>
public class LoginTests
{
    private const string Users = "#\n sysname H3C\n#\nlocal-user admin\n password simple admin\n service-type ssh\n level 3\n#\n";

    private static ComwareDevice Device(string extra = "", ComwareDialect dialect = ComwareDialect.V5) =>
        TestDevices.Create(dialect, Users + extra + "#\nreturn\n");

    private static async Task<LiveShell> LoginAsync(ComwareDevice device, int port)
    {
        var session = await CliSession.OpenAsync(device, new LoginRequest("admin", new IPEndPoint(IPAddress.Parse("192.0.2.7"), port)), TestContext.Current.CancellationToken);
        var shell = LiveShell.Start(session);
        await shell.ReadUntilAsync("<H3C>");
        return shell;
    }

    [Fact]
    public async Task Display_users_lists_three_sessions_and_marks_the_callers_line()
    {
        using var device = Device();
        await using var first = await LoginAsync(device, 50000);
        await using var second = await LoginAsync(device, 50001);
        await using var third = await LoginAsync(device, 50002);
        Assert.Equal(["VTY 0", "VTY 1", "VTY 2"], device.LoginSessions().Select(s => s.Line));

        await second.TypeAsync("display users\r");
        var output = (await second.ReadUntilAsync("Current operation user work in async mode.")).Replace("\r\r\n", "\n", StringComparison.Ordinal);

        // V5 layout: Idx 29 + VTY number, the caller's line (VTY 1) marked with '+'.
        Assert.Contains("\n  29  VTY 0   00:00:00 SSH  3\n", output, StringComparison.Ordinal);
        Assert.Contains("\n+ 30  VTY 1   00:00:00 SSH  3\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  31  VTY 2   00:00:00 SSH  3\n", output, StringComparison.Ordinal);
        Assert.Contains("        Location: 192.0.2.7\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_freed_line_is_reused_lowest_first()
    {
        using var device = Device();
        await using var first = await LoginAsync(device, 50000);
        var second = await LoginAsync(device, 50001);
        await second.DisposeAsync();
        await using var third = await LoginAsync(device, 50002);
        Assert.Equal("VTY 1", third.Session.Login!.Line);
    }

    [Fact]
    public async Task Logins_beyond_the_models_VTY_lines_are_refused()
    {
        using var device = Device();
        var shells = new List<LiveShell>();
        for (var i = 0; i < device.Facts.VtyLines; i++)
        {
            shells.Add(await LoginAsync(device, 50000 + i));
        }

        using (var refused = await CliSession.OpenAsync(device, new LoginRequest("admin", null), TestContext.Current.CancellationToken))
        {
            Assert.Null(refused.Login);
            var output = await ShellDriver.RunWithAsync(refused, "display clock\r");
            Assert.Equal(CliSession.NoFreeLineMessage + "\r\r\n", output);
        }

        await shells[2].DisposeAsync();
        await using (var admitted = await LoginAsync(device, 50100))
        {
            Assert.Equal("VTY 2", admitted.Session.Login!.Line);
        }

        foreach (var shell in shells)
        {
            await shell.DisposeAsync();
        }

        Assert.Empty(device.LoginSessions());
    }

    [Fact]
    public async Task The_lines_idle_timeout_logs_the_user_out()
    {
        using var device = Device("user-interface vty 0 4\n authentication-mode scheme\n idle-timeout 0 1\n");
        await using var shell = await LoginAsync(device, 50000);
        Assert.Equal(TimeSpan.FromSeconds(1), shell.Session.IdleTimeout);
        await shell.Completion.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.EndsWith("<H3C>", shell.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_idle_timeout_is_ten_minutes_and_zero_means_never()
    {
        using (var device = Device())
        {
            await using var shell = await LoginAsync(device, 50000);
            Assert.Equal(TimeSpan.FromMinutes(10), shell.Session.IdleTimeout);
        }

        using (var device = Device("user-interface vty 0 4\n authentication-mode scheme\n idle-timeout 0 0\n"))
        {
            await using var shell = await LoginAsync(device, 50000);
            Assert.Null(shell.Session.IdleTimeout);
        }
    }

    [Fact]
    public async Task The_lines_screen_length_pages_the_output()
    {
        using var device = Device("user-interface vty 0 4\n authentication-mode scheme\n screen-length 4\n");
        await using var shell = await LoginAsync(device, 50000);
        Assert.Equal(4, shell.Session.ScreenLength);
        await shell.TypeAsync("display current-configuration\r");
        var page = await shell.ReadUntilAsync(CliSession.MorePrompt);
        Assert.Equal(4, page.Split("\r\r\n").Length - 2);
        await shell.TypeAsync("q");
        await shell.ReadUntilAsync("<H3C>");
    }

    [Fact]
    public async Task After_a_reset_a_session_editing_an_old_object_is_closed_and_one_in_system_view_goes_on()
    {
        using var device = Device();
        await using var editing = await LoginAsync(device, 50000);
        await using var system = await LoginAsync(device, 50001);
        await editing.TypeAsync("system-view\rinterface GigabitEthernet0/1\r");
        await editing.ReadUntilAsync("[H3C-GigabitEthernet0/1]");
        await system.TypeAsync("system-view\r");
        await system.ReadUntilAsync("[H3C]");

        await device.ResetToDefaultsAsync(TestContext.Current.CancellationToken);

        await editing.TypeAsync("description changed after reset\r");
        await editing.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("changed after reset", await device.RenderCurrentConfigurationAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await system.TypeAsync("sysname After\r");
        await system.ReadUntilAsync("[After]");
    }

    [Fact]
    public async Task A_typed_ahead_line_counts_as_activity_when_it_runs()
    {
        // Both lines arrive in one read; the first one's output waits for the client (which is not reading) while
        // five minutes pass. `display users` then runs and must show its own line active, as it did when every key
        // handled touched the line's idle clock.
        using var device = Device();
        var session = await CliSession.OpenAsync(device, new LoginRequest("admin", new IPEndPoint(IPAddress.Parse("192.0.2.7"), 50000)), TestContext.Current.CancellationToken);
        await using var shell = LiveShell.Start(session, outputLimit: 1);
        await shell.ReadUntilAsync("<H3C>");
        await shell.TypeAsync("screen-length disable\r");
        await shell.ReadUntilAsync("<H3C>");
        await shell.TypeAsync("display current-configuration\rdisplay users\r");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        ((FixedTimeProvider)device.Time).Advance(TimeSpan.FromMinutes(5));
        var output = (await shell.ReadUntilAsync("Current operation user work in async mode.")).Replace("\r\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("\n+ 29  VTY 0   00:00:00 SSH  3\n", output, StringComparison.Ordinal);
    }
}
