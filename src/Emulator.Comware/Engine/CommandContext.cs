using Emulator.Comware.Runtime;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Engine;

/// <summary>What runs a command: an interactive session, an exec request or a configuration replay.</summary>
internal interface ICommandHost
{
    ViewPath Views { get; }

    CliUser User { get; }

    bool IsInteractive { get; }

    bool IsReplay { get; }

    /// <summary>Command output, <c>\n</c> separated; goes through the output filter and pager.</summary>
    void Write(string text);

    /// <summary>A finished block of lines (see <see cref="TerminalBlock"/>); same rules as <see cref="Write(string)"/>.</summary>
    void Write(TerminalBlock block);

    /// <summary>Flushes output, prints <paramref name="prompt"/> and reads one line (echoed unless <paramref name="echo"/> is false); null when no input can come.</summary>
    ValueTask<string?> ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken);

    /// <summary>Ends the session after this command (<c>quit</c> in user view).</summary>
    void Close();

    /// <summary><c>super</c>: the session goes on as <paramref name="user"/> (replay and exec keep theirs).</summary>
    void ChangeUser(CliUser user);

    /// <summary>The session's command history; null where there is none (replay, exec).</summary>
    History? History { get; }

    /// <summary>Lines per page for this session; null = no paging (<c>screen-length disable</c>). Ignored by replay.</summary>
    int? ScreenLength { get; set; }

    /// <summary><c>terminal monitor</c>: this session shows information-center output. Ignored by replay.</summary>
    bool TerminalMonitor { get; set; }
}

/// <summary>
/// Everything a command handler may use: the device, the matched arguments, the view it runs in, output, dialogs and
/// view changes. Handlers run under the device's lock, released while a dialog waits for the user.
/// </summary>
public sealed class CommandContext
{
    private readonly ICommandHost _host;

    internal CommandContext(ComwareDevice device, ICommandHost host, CommandArguments arguments, bool isUndo, CancellationToken cancellationToken)
    {
        Device = device;
        _host = host;
        Arguments = arguments;
        IsUndo = isUndo;
        View = host.Views.Current;
        CancellationToken = cancellationToken;
    }

    public ComwareDevice Device { get; }

    public CommandArguments Arguments { get; }

    /// <summary>Shorthand for <see cref="Arguments"/>.</summary>
    public CommandArguments Args => Arguments;

    /// <summary>The undo form matched (<c>undo sysname</c>).</summary>
    public bool IsUndo { get; }

    /// <summary>The view the command runs in (after falling back to a parent view, that parent).</summary>
    public ViewInstance View { get; }

    public CliUser User => _host.User;

    /// <summary><c>super</c>: the session goes on with another level or role (replay and exec keep theirs).</summary>
    public void ChangeUser(CliUser user) => _host.ChangeUser(user);

    /// <summary>The session's command history (<c>display history-command</c>); null during replay.</summary>
    public History? History => _host.History;

    /// <summary><c>terminal monitor</c> of this session (off by default on VTY lines).</summary>
    public bool TerminalMonitor
    {
        get => _host.TerminalMonitor;
        set => _host.TerminalMonitor = value;
    }

    /// <summary>Lines per page of this session's output; null = no paging. <c>screen-length disable</c> sets null.</summary>
    public int? ScreenLength
    {
        get => _host.ScreenLength;
        set => _host.ScreenLength = value;
    }

    public ComwareDialect Dialect => Device.Facts.Dialect;

    /// <summary>Replaying startup.cfg or the default configuration: no dialogs, output is discarded.</summary>
    public bool IsReplay => _host.IsReplay;

    public bool IsInteractive => _host.IsInteractive;

    public CancellationToken CancellationToken { get; }

    internal bool Failed { get; private set; }

    internal ICommandHost Host => _host;

    public void Write(string text) => _host.Write(text);

    public void WriteLine(string line = "") => _host.Write(line + "\n");

    /// <summary>Writes a prepared block of lines: where nothing filters or pages it, it goes out with one copy.</summary>
    public void WriteBlock(TerminalBlock block) => _host.Write(block);

    public void WriteLines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            _host.Write(line + "\n");
        }
    }

    /// <summary>Prints an error line; the command counts as failed (not in history, exec exit code 1, reported at boot).</summary>
    public void Fail(string message)
    {
        Failed = true;
        _host.Write(message + "\n");
    }

    /// <summary>Enters a sub-view (<c>interface GE0/1</c>); the prompt changes after the command.</summary>
    public void EnterView(string viewId, string key = "", object? state = null) =>
        _host.Views.Push(new ViewInstance(Device.Commands.View(viewId), key, state));

    /// <summary><c>quit</c>: one view up; in user view the session ends.</summary>
    public void ExitView()
    {
        if (!_host.Views.Pop())
        {
            _host.Close();
        }
    }

    public void ReturnToUserView() => _host.Views.ReturnToUserView();

    public void CloseSession() => _host.Close();

    /// <summary>
    /// Asks a Y/N question (<c>... Are you sure? [Y/N]:</c>) and waits for the answer line. Enter alone repeats the
    /// question as V5 does (§7.1). Replay answers yes; a closed input answers no.
    /// </summary>
    public async ValueTask<bool> ConfirmAsync(string question)
    {
        if (IsReplay)
        {
            return true;
        }

        var prompt = question;
        while (true)
        {
            var answer = await _host.ReadLineAsync(prompt, echo: true, CancellationToken);
            if (answer is null)
            {
                return false;
            }

            answer = answer.Trim();
            if (answer.Length > 0 && (answer[0] is 'y' or 'Y'))
            {
                return true;
            }

            if (answer.Length > 0 && (answer[0] is 'n' or 'N'))
            {
                return false;
            }

            prompt = "Before pressing ENTER you must choose 'YES' or 'NO'[Y/N]:";
        }
    }

    /// <summary>
    /// Reads a free answer (a file name, a password with <paramref name="echo"/> false); null when input ended.
    /// During replay it returns the next line of the configuration text, for commands that span lines (header).
    /// </summary>
    public ValueTask<string?> ReadLineAsync(string prompt, bool echo = true) => _host.ReadLineAsync(prompt, echo, CancellationToken);
}
