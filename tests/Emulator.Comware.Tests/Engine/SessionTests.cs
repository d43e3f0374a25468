using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

/// <summary>The shell end to end over in-memory pipes, with the engine's test module.</summary>
public class SessionTests
{
    private const string V5Prompt = "<H3C>";

    private static ComwareDevice Device(ComwareDialect dialect = ComwareDialect.V5, TestModule? module = null) =>
        TestDevices.Create(dialect, commands: TestModule.Build(module ?? new TestModule()));

    /// <summary>Output after the banner, with V5's CRCRLF shown as \n.</summary>
    private static async Task<string> Shell(string input, ComwareDialect dialect = ComwareDialect.V5, CliUser? user = null, TestModule? module = null)
    {
        using var device = Device(dialect, module);
        var output = await ShellDriver.RunAsync(device, input, user);
        var start = output.IndexOf('<', StringComparison.Ordinal);
        return output[start..].Replace("\r\r\n", "\n", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task V5_banner_is_byte_exact_with_the_capture_layout()
    {
        using var device = Device();
        var output = await ShellDriver.RunAsync(device, "");
        const string expected =
            "\r\r\n\0******************************************************************************\r\r\n" +
            "* Copyright (c) 2004-2011 Hangzhou H3C Tech. Co., Ltd. All rights reserved.  *\r\r\n" +
            "* Without the owner's prior written consent,                                 *\r\r\n" +
            "* no decompiling or reverse-engineering shall be allowed.                    *\r\r\n" +
            "******************************************************************************\r\r\n" +
            "\r\r\n\0<H3C>";
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task V7_banner_uses_CRLF_and_no_NULs()
    {
        using var device = Device(ComwareDialect.V7);
        var output = await ShellDriver.RunAsync(device, "");
        Assert.StartsWith("\r\n*****", output, StringComparison.Ordinal);
        Assert.Contains("* Copyright (c) 2004-2023 New H3C Technologies Co., Ltd. All rights reserved.*\r\n", output, StringComparison.Ordinal);
        Assert.EndsWith("*\r\n\r\n<H3C>", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', output);
    }

    [Fact]
    public async Task Caret_column_counts_the_prompt()
    {
        var output = await Shell("system-view\rvlan 5000\r");
        Assert.Contains("[H3C]vlan 5000\n          ^\n % Wrong parameter found at '^' position.\n[H3C]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_next_tokens_with_padded_columns_and_cr()
    {
        var output = await Shell("display interface ?");
        Assert.Contains("<H3C>display interface ?\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  brief                Brief information\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  GigabitEthernet      GigabitEthernet interface\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  |                    Matching output\n  <cr>\n\n<H3C>display interface ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_on_an_empty_line_has_the_view_title_and_hides_commands_above_the_level()
    {
        var output = await Shell("?", user: new CliUser("guest", Levels.Visit, [], ""));
        Assert.StartsWith("<H3C>?\nUser view commands:\n", output, StringComparison.Ordinal);
        Assert.Contains("  ping ", output, StringComparison.Ordinal);
        Assert.Contains("  quit ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("system-view", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_word_help_lists_matching_keywords_and_keeps_the_line()
    {
        var output = await Shell("d?");
        Assert.Equal("<H3C>d?\n  delete   Delete a file\n  dir      Display files\n  display  Display current system information\n\n<H3C>d", output);
    }

    [Fact]
    public async Task Help_after_an_invalid_word_prints_the_error_with_caret()
    {
        var output = await Shell("display foo ?");
        Assert.Equal("<H3C>display foo ?\n             ^\n % Unrecognized command found at '^' position.\n<H3C>display foo ", output);
    }

    [Fact]
    public async Task V5_commands_above_the_level_are_unrecognized_and_V7_says_permission_denied()
    {
        var guest = new CliUser("guest", Levels.Visit, [], "");
        Assert.Contains("<H3C>system-view\n     ^\n % Unrecognized command found at '^' position.", await Shell("system-view\r", user: guest), StringComparison.Ordinal);
        var operatorRole = new CliUser("op", 0, ["network-operator"], "");
        var v7 = await Shell("system-view\rdisplay ip routing-table\r", ComwareDialect.V7, operatorRole);
        Assert.Contains("<H3C>system-view\nPermission denied.\n<H3C>display ip routing-table\n<H3C>", v7, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tab_completes_a_unique_keyword_in_place_and_cycles_through_several()
    {
        Assert.Equal("<H3C>system-view", await Shell("sys\t"));
        var module = new TestModule();
        await Shell("di\t\t int\r", module: module);
        Assert.Equal("display interface [ name:INTERFACE ] [ brief ] ", module.Calls.Single()[..47]);
        var output = await Shell("de\t");
        Assert.Equal("<H3C>delete", output);
    }

    [Fact]
    public async Task Editing_keys_change_the_line_before_it_runs()
    {
        var module = new TestModule();
        // Ctrl+A, Ctrl+E, arrows, Backspace, Ctrl+D, Ctrl+W, Ctrl+U.
        await Shell("ping hostx\b\u0001\u0006\u0006\u0006\u0006\u0006Z\u0005\r", module: module);
        await Shell("ping a b\u0017\u0017c\r", module: module);
        await Shell("garbage\u0015ping d\u001b[D\u0004x\r", module: module);
        Assert.Equal(["ping host:STRING<1-64> ping=ping,host=Zhost", "ping host:STRING<1-64> ping=ping,host=c", "ping host:STRING<1-64> ping=ping,host=x"],
            module.Calls.Select(c => c.Replace("MatchedKeyword { Word = ping }", "ping", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task History_keeps_successful_commands_and_arrows_recall_them()
    {
        var module = new TestModule();
        var output = await Shell("ping a\rfoo\rping a\rping b\r\u001b[A\u001b[A\r\u0010\u0010\u0010\u000e\rdisplay history-command\r", module: module);
        Assert.Equal(5, module.Calls.Count);
        Assert.EndsWith("  ping a\n  ping b\n  ping a\n  ping b\n  display history-command\n<H3C>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pager_stops_at_the_screen_length_and_obeys_space_enter_and_q()
    {
        var output = await Shell("display lines 60\r \rq");
        var lines = output.Split('\n');
        Assert.Equal("line 24", lines[24]);
        Assert.Equal(CliSession.MorePrompt + CliSession.MoreErase + "line 25", lines[25]);
        Assert.Equal(CliSession.MorePrompt + CliSession.MoreErase + "line 49", lines[49]);
        Assert.Equal(CliSession.MorePrompt + CliSession.MoreErase + "<H3C>", lines[50]);
    }

    [Fact]
    public async Task Screen_length_disable_turns_paging_off_for_the_session_with_the_V7_message()
    {
        var v5 = await Shell("screen-length disable\rdisplay lines 60\r");
        Assert.DoesNotContain("More", v5, StringComparison.Ordinal);
        Assert.StartsWith("<H3C>screen-length disable\n<H3C>display lines 60\nline 1\n", v5, StringComparison.Ordinal);
        var v7 = await Shell("screen-length disable\r", ComwareDialect.V7);
        Assert.Equal("<H3C>screen-length disable\n% Screen-length configuration is disabled for current user.\n<H3C>", v7);
    }

    [Fact]
    public async Task Output_filters_apply_line_by_line()
    {
        Assert.EndsWith("line 5\nline 50\n<H3C>", await Shell("screen-length disable\rdisplay lines 50 | include ^line 5\r"), StringComparison.Ordinal);
        Assert.EndsWith("line 2\nline 3\n<H3C>", await Shell("display lines 3 | begin 2\r"), StringComparison.Ordinal);
        Assert.EndsWith("line 1\nline 3\n<H3C>", await Shell("display lines 3 | exclude 2\r"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_dialog_reads_yes_no_and_repeats_on_empty_answer()
    {
        Assert.EndsWith("<H3C>confirm\nAre you sure? [Y/N]:y\nyes\n<H3C>", await Shell("confirm\ry\r"), StringComparison.Ordinal);
        Assert.EndsWith("Are you sure? [Y/N]:\nBefore pressing ENTER you must choose 'YES' or 'NO'[Y/N]:n\nno\n<H3C>", await Shell("confirm\r\rn\r"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sub_view_falls_back_to_system_view_and_ctrl_z_returns_to_user_view()
    {
        var output = await Shell("system-view\rinterface GE0/1\rvlan 10\rinterface g0/2\r\u001a");
        Assert.Contains("[H3C]interface GE0/1\n[H3C-GigabitEthernet0/1]vlan 10\n[H3C-vlan10]interface g0/2\n[H3C-GigabitEthernet0/2]\n<H3C>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quit_in_user_view_ends_the_shell_and_input_after_it_is_ignored()
    {
        var output = await Shell("quit\rdisplay lines 1\r");
        Assert.Equal("<H3C>quit\n", output);
    }

    [Fact]
    public async Task Ctrl_C_drops_the_line()
    {
        var module = new TestModule();
        var output = await Shell("ping a\u0003\r", module: module);
        Assert.Empty(module.Calls);
        Assert.Equal("<H3C>ping a\n<H3C>\n<H3C>", output);
    }

    [Fact]
    public async Task Sysname_changes_the_prompt_and_undo_restores_the_default()
    {
        var output = await Shell("system-view\rsysname FW-1\rundo sysname\r");
        Assert.EndsWith("[H3C]sysname FW-1\n[FW-1]undo sysname\n[H3C]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_runs_commands_without_prompt_and_reports_failure()
    {
        using var device = Device(ComwareDialect.V7);
        var (status, output) = await ShellDriver.ExecAsync(device, "display lines 30;display history-command");
        Assert.Equal(0, status);
        Assert.StartsWith("line 1\r\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("More", output, StringComparison.Ordinal);
        var (failed, error) = await ShellDriver.ExecAsync(device, "display foo");
        Assert.Equal(1, failed);
        Assert.Equal("        ^\r\n % Unrecognized command found at '^' position.\r\n", error);
        Assert.Equal(1, (await ShellDriver.ExecAsync(device, "fail")).Status);
    }

    [Fact]
    public async Task A_throwing_handler_fails_its_command_only()
    {
        var registry = new CommandRegistry();
        new Emulator.Comware.Commands.Core.CoreCommands().Register(registry);
        registry.Add(new CommandDefinition { Syntax = "boom", Help = ["Throws"], Views = [ViewIds.User], Handler = _ => throw new InvalidOperationException("bug") });
        using var device = TestDevices.Create(ComwareDialect.V7, commands: registry.Build());
        var output = await ShellDriver.RunAsync(device, "boom\rscreen-length disable\r");
        Assert.Contains("<H3C>boom\r\n% Command execution failed.\r\n<H3C>screen-length disable\r\n% Screen-length", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_banners_print_at_login_and_legal_asks_to_continue()
    {
        using var device = Device(ComwareDialect.V7);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var headers = device.GetState<SystemState>().Headers;
        headers["legal"] = "Authorised use only";
        headers["motd"] = "Maintenance at 02:00\nCall NOC";
        headers["shell"] = "Welcome";
        var accepted = await ShellDriver.RunAsync(device, "\r");
        Assert.EndsWith("*\r\n\r\nAuthorised use only\r\nPress Y or ENTER to continue, N to exit.\r\nMaintenance at 02:00\r\nCall NOC\r\nWelcome\r\n<H3C>", accepted, StringComparison.Ordinal);
        var declined = await ShellDriver.RunAsync(device, "n");
        Assert.EndsWith("Press Y or ENTER to continue, N to exit.\r\n", declined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_timeout_ends_the_shell_while_input_stays_open()
    {
        using var device = Device();
        var input = new global::System.IO.Pipelines.Pipe();
        var output = new global::System.IO.Pipelines.Pipe(new global::System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        var session = new CliSession(device, ShellDriver.Admin) { IdleTimeout = TimeSpan.FromMilliseconds(200) };
        await input.Writer.WriteAsync("sys\r"u8.ToArray(), TestContext.Current.CancellationToken);
        var status = await session.RunShellAsync(new CliTerminal(input.Reader, output.Writer), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, status);
        Assert.Equal(ViewIds.System, session.Views.Current.Id);
    }

    [Fact]
    public async Task Tab_without_a_match_shows_the_line_again()
    {
        Assert.Equal("<H3C>xyz\n<H3C>xyz", await Shell("xyz\t"));
    }
}
