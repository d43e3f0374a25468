using Emulator.Comware.Auth;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Sessions;
using Emulator.Comware.Shell;
using Emulator.Comware.Terminal;
using Microsoft.Extensions.Logging;

namespace Emulator.Comware;

/// <summary>
/// One login on a device: the interactive shell or one exec request. It owns the session's view path, history and
/// VTY line; the terminal side lives in the <c>Shell</c> folder (banner, pager, dialogs, help and Tab).
/// Concurrency: a command holds the device lock only while it parses, runs and renders into its output buffer;
/// the buffer is written to the client — pager, window, dialogs — after the lock is released (README "Concurrency").
/// </summary>
public sealed partial class CliSession : ICommandHost, IDisposable
{
    /// <inheritdoc cref="CommandOutput.MorePrompt"/>
    public const string MorePrompt = CommandOutput.MorePrompt;

    /// <inheritdoc cref="CommandOutput.MoreErase"/>
    public const string MoreErase = CommandOutput.MoreErase;

    /// <summary>
    /// What a login gets when every VTY line is taken. Service scanners match this text on H3C/Huawei VTYs
    /// (e.g. the fscan/kscan telnet signatures "All user interfaces are used, please try later").
    /// </summary>
    public const string NoFreeLineMessage = "All user interfaces are used, please try later!";

    /// <summary>
    /// Comware 7 names VTYs "user lines": "All user lines are used, please try later!" (HPE FlexFabric 12900E Fundamentals
    /// Configuration Guide, Comware 7, "Configuring Telnet login on the device").
    /// </summary>
    public const string NoFreeLineMessageV7 = "All user lines are used, please try later!";

    private readonly ComwareDevice _device;
    private readonly Login? _login;
    private readonly CommandAssist _assist;
    private TerminalIo? _io;
    private CommandOutput? _output;
    private ISessionRecording? _recording;
    private LineEditor? _editor;
    private ComwareDevice.DeviceLockHold? _heldLock;
    private int _generation;
    private bool _closed;
    private bool _interactive;
    private readonly bool _refused;
    private int? _screenLength;

    /// <summary>A session outside the VTY table (tests, tools): line <see cref="CliUser.Line"/>, no idle timeout.</summary>
    public CliSession(ComwareDevice device, CliUser user)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        User = user ?? throw new ArgumentNullException(nameof(user));
        _assist = new CommandAssist(device);
        _generation = device.Generation;
        Views = new ViewPath(new ViewInstance(device.Commands.View(ViewIds.User)));
        History = new History(device.Dialect.HistorySize);
        _screenLength = device.Dialect.DefaultScreenLength;
    }

    private CliSession(ComwareDevice device, CliUser user, Login? login, TimeSpan idleTimeout, int? screenLength)
        : this(device, user)
    {
        _login = login;
        _refused = login is null;
        IdleTimeout = idleTimeout > TimeSpan.Zero ? idleTimeout : null;
        _screenLength = screenLength;
    }

    /// <summary>
    /// Opens the session of an authenticated login: boots the device if needed, takes the lowest free VTY and applies
    /// that line's <c>user-interface vty</c> settings (<c>idle-timeout</c>, <c>screen-length</c>, level or role for
    /// users without their own). When every VTY is taken the session only prints <see cref="NoFreeLineMessage"/>.
    /// Dispose it to free the line.
    /// </summary>
    public static async Task<CliSession> OpenAsync(ComwareDevice device, LoginRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(request);
        await device.EnsureBootedAsync(cancellationToken);
        var directory = new UserDirectory(device);
        var remote = request.Remote?.Address.ToString() ?? "";
        if (device.Logins.TryOpen(request) is not { } login)
        {
            return new CliSession(device, directory.CreateCliUser(request.UserName, remote, 0), null, TimeSpan.Zero, null);
        }

        var user = directory.CreateCliUser(request.UserName, remote, login.Vty);
        return new CliSession(device, user, login, directory.VtyIdleTimeout(login.Vty), directory.VtyScreenLength(login.Vty));
    }

    public CliUser User { get; private set; }

    public ComwareDevice Device => _device;

    public ViewPath Views { get; }

    public History History { get; }

    /// <summary>The VTY line this session occupies; null for sessions opened without the VTY table.</summary>
    public Login? Login => _login;

    /// <summary>Lines per page; null after <c>screen-length disable</c> (this session only, §3.2).</summary>
    public int? ScreenLength
    {
        get => _output?.ScreenLength ?? _screenLength;
        set
        {
            _screenLength = value;
            _output?.ScreenLength = value;
        }
    }

    /// <summary><c>terminal monitor</c>: information-center output is shown in this session (off by default on a VTY).</summary>
    public bool TerminalMonitor
    {
        get => _monitor is not null;
        set
        {
            if (value && _monitor is null)
            {
                _monitor = _device.GetState<Logging.MonitorHub>().Subscribe();
            }
            else if (!value && _monitor is { } channel)
            {
                _device.GetState<Logging.MonitorHub>().Unsubscribe(channel);
                _monitor = null;
            }
        }
    }

    private System.Threading.Channels.Channel<string>? _monitor;

    /// <summary>Ends the shell when no key arrives for this long (the line's <c>idle-timeout</c>); null never times out.</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>The prompt of the current view, e.g. <c>&lt;H3C&gt;</c> or <c>[H3C-GigabitEthernet0/1]</c>.</summary>
    public string Prompt
    {
        get
        {
            // Asked for twice per command line: formatted again only when the view, the sysname or the prefix changed.
            var prefix = _device.Services.Faults?.PromptPrefix;
            var view = Views.Current;
            var sysname = _device.Sysname;
            if (_prompt is { } last && ReferenceEquals(last.View, view) && last.Sysname == sysname && last.Prefix == prefix)
            {
                return last.Text;
            }

            var text = prefix is null ? view.Prompt(sysname) : prefix + view.Prompt(sysname);
            _prompt = (view, sysname, prefix, text);
            return text;
        }
    }

    private (ViewInstance View, string Sysname, string? Prefix, string Text)? _prompt;

    bool ICommandHost.IsInteractive => _interactive;

    bool ICommandHost.IsReplay => false;

    History? ICommandHost.History => History;

    private DialectSettings Dialect => _device.Dialect;

    /// <summary>Runs the interactive shell until <c>quit</c> in user view, the end of input or the idle timeout. Returns 0.</summary>
    public async Task<int> RunShellAsync(CliTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var io = Attach(terminal, interactive: true);
        await _device.EnsureBootedAsync(cancellationToken);
        if (_refused)
        {
            return await RefuseAsync(io, cancellationToken);
        }

        LoginBanner.WriteCopyright(io.Writer, Dialect, _device.Facts);
        if (!await LoginBanner.WriteHeadersAsync(io, await CopyHeadersAsync(cancellationToken), cancellationToken))
        {
            await io.Writer.FlushAsync(cancellationToken);
            return 0;
        }

        io.Writer.Raw(Dialect.NulAroundBanner ? "\0" + Prompt : Prompt);
        Task<Key?>? pendingKey = null;
        while (!_closed)
        {
            if (pendingKey is null && TypeAhead(io))
            {
                continue;
            }

            if (pendingKey is null && io.TryReadBufferedKey(out var typedAhead))
            {
                // Typed ahead (a pasted script, a tool sending many lines): keys go before monitor messages, as below,
                // without a task per key.
                await HandleKeyAsync(typedAhead, cancellationToken);
                continue;
            }

            pendingKey ??= io.ReadKeyAsync(cancellationToken).AsTask();
            if (_monitor is { } monitor && !pendingKey.IsCompleted && await MonitorMessageFirstAsync(pendingKey, monitor, cancellationToken))
            {
                // terminal monitor: log lines arrive while the user sits at the prompt; the line being typed is redrawn.
                while (monitor.Reader.TryRead(out var message))
                {
                    io.Writer.Line();
                    io.Writer.Raw(message);
                }

                io.Writer.Line();
                io.Writer.Raw(Prompt + _editor!.Text);
                await io.Writer.FlushAsync(cancellationToken);
                continue;
            }

            var key = await pendingKey;
            pendingKey = null;
            if (key is not { } pressed)
            {
                break;
            }

            await HandleKeyAsync(pressed, cancellationToken);
        }

        if (io.TimedOut)
        {
            LogIdleTimeout(_device.Logger, User.Name, User.Line);
        }

        await io.Writer.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// Runs one command line without banner, prompt or paging (SSH exec). Where the dialect allows, <c>;</c> separates
    /// several commands. Returns 0 when every command succeeded, 1 otherwise.
    /// </summary>
    public async Task<int> ExecAsync(string commandLine, CliTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(terminal);
        var io = Attach(terminal, interactive: false);
        await _device.EnsureBootedAsync(cancellationToken);
        if (_refused)
        {
            return await RefuseAsync(io, cancellationToken);
        }

        ScreenLength = null;
        var lines = Dialect.ExecAllowsCommandList ? commandLine.Split(';') : [commandLine];
        var status = 0;
        foreach (var line in lines)
        {
            if (_closed)
            {
                break;
            }

            if (line.Trim().Length > 0 && !await ExecuteLineAsync(line, promptColumn: 0, cancellationToken))
            {
                status = 1;
            }
        }

        await io.Writer.FlushAsync(cancellationToken);
        return status;
    }

    /// <summary>Frees the VTY line.</summary>
    public void Dispose()
    {
        _recording?.Dispose();
        TerminalMonitor = false;
        _login?.Dispose();
        ReleaseLock();
    }

    private TerminalIo Attach(CliTerminal terminal, bool interactive)
    {
        _io = new TerminalIo(terminal, Dialect.NewLine, _device.Time, _login) { IdleTimeout = interactive ? IdleTimeout : null };
        _recording?.Dispose();
        _recording = _device.Services.Recorder?.Start(new RecordedSession(User.Name, User.Line, User.RemoteAddress, _login?.Request.Protocol ?? "SSH",
            interactive ? "shell" : "exec", terminal.Columns, terminal.Rows));
        _io.Recording = _recording;
        _output = new CommandOutput(_io) { ScreenLength = _screenLength };
        _editor = new LineEditor(_io.Writer, History, Dialect.MaxLineLength);
        _interactive = interactive;
        _closed = false;
        return _io;
    }

    private async Task<int> RefuseAsync(TerminalIo io, CancellationToken cancellationToken)
    {
        LogNoFreeLine(_device.Logger, User.Name, _device.Logins.VtyCount);
        io.Writer.Line(_device.Facts.Dialect == ComwareDialect.V7 ? NoFreeLineMessageV7 : NoFreeLineMessage);
        await io.Writer.FlushAsync(cancellationToken);
        return 1;
    }

    private static async Task<bool> MonitorMessageFirstAsync(Task<Key?> key, System.Threading.Channels.Channel<string> monitor, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var message = monitor.Reader.WaitToReadAsync(stop.Token).AsTask();
        var first = await Task.WhenAny(key, message);
        await stop.CancelAsync();
        return first == message && message is { IsCompletedSuccessfully: true, Result: true };
    }

    private async ValueTask<IReadOnlyDictionary<string, string>> CopyHeadersAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> headers;
        using (await _device.LockAsync(cancellationToken))
        {
            headers = new Dictionary<string, string>(_device.GetState<SystemState>().Headers, StringComparer.Ordinal);
        }

        if (_device.Services.Faults?.LegalBanner(User.Name) is { } legal)
        {
            headers["legal"] = legal;
        }

        return headers;
    }

    /// <summary>
    /// Typed-ahead characters that only insert themselves, at the end of the line, echoed in one write (the same bytes
    /// as one key at a time): a pasted script or a tool's burst of lines costs a write per run, not per key.
    /// </summary>
    private bool TypeAhead(TerminalIo io)
    {
        if (!_editor!.AtEnd)
        {
            return false;
        }

        Span<char> text = stackalloc char[128];
        var count = io.ReadTypedAhead(text, LineEditor.InsertsItself);
        if (count == 0)
        {
            return false;
        }

        _assist.KeyPressed(new Key(KeyKind.Printable, text[count - 1]));
        _editor.Type(text[..count]);
        return true;
    }

    private async ValueTask HandleKeyAsync(Key key, CancellationToken cancellationToken)
    {
        var writer = _io!.Writer;
        _assist.KeyPressed(key);
        switch (_editor!.Handle(key))
        {
            case EditorAction.Submit:
                await SubmitAsync(cancellationToken);
                break;
            case EditorAction.Help:
                _assist.ShowHelp(writer, _editor, Views, User, Prompt);
                break;
            case EditorAction.Complete:
                _assist.Complete(writer, _editor, Views, User, Prompt);
                break;
            case EditorAction.Cancel:
                _editor.Clear();
                writer.Line();
                writer.Raw(Prompt);
                break;
            case EditorAction.ReturnToUserView:
                _editor.Clear();
                Views.ReturnToUserView();
                writer.Line();
                writer.Raw(Prompt);
                break;
        }
    }

    private async ValueTask SubmitAsync(CancellationToken cancellationToken)
    {
        // Typed-ahead keys touch the line's idle clock once per read; Enter touches it too, so a line run from a
        // pasted script (display users) sees its own session as active, as when every key touched it.
        _login?.Touch();
        var line = _editor!.Text;
        var promptColumn = Prompt.Length;
        _editor.Clear();
        _io!.Writer.Line();
        if (line.Trim().Length > 0)
        {
            LogCommand(_device.Logger, User.Name, RedactSecrets(line));
            _recording?.LineEntered(SecretOf(line));
            await ExecuteLineAsync(line, promptColumn, cancellationToken);
        }

        History.ResetBrowsing();
        if (!_closed)
        {
            _io.Writer.Raw(Prompt);
        }
    }

    /// <summary>
    /// Runs one line: parse, run and render under the device lock, then — lock released — write the output through
    /// the filter and pager. True on success.
    /// </summary>
    private async ValueTask<bool> ExecuteLineAsync(string line, int promptColumn, CancellationToken cancellationToken)
    {
        var started = _device.Time.GetTimestamp();
        CommandResult result;
        if (_device.Services.Faults?.BeforeCommand(User.Name, line) is { } fault)
        {
            // An injected fault: a slow device waits without the lock, as a busy control plane would.
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, _device.Time, cancellationToken);
            }

            if (fault.FailureText is { } text)
            {
                _io!.Writer.Line(text);
                Completed(line, CommandResult.Failed, started);
                return false;
            }
        }

        _heldLock = await _device.LockAsync(cancellationToken);
        try
        {
            result = await RunLockedAsync(line, promptColumn, cancellationToken);
        }
        finally
        {
            ReleaseLock();
        }

        Completed(line, result, started);
        await _output!.FlushAsync(cancellationToken);
        return result == CommandResult.Ok;
    }

    private void Completed(string line, CommandResult result, long started)
    {
        var elapsed = _device.Time.GetElapsedTime(started);
        _device.Services.Metrics?.OnCommand(result, elapsed);
        _recording?.Command(RedactSecrets(line.Trim()), result, elapsed);
    }

    /// <summary>The words <see cref="RedactSecrets"/> hides in <paramref name="line"/>, space-separated; null when it hides nothing.</summary>
    private static string? SecretOf(string line)
    {
        if (!MayHoldSecret(line))
        {
            return null;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = PasswordKeywordIndex(words);
        if (at < 0 || at == words.Length - 1)
        {
            return null;
        }

        // The form keyword (simple, cipher, hash) says nothing secret; the words after it are the secret.
        var first = at + 1;
        if (first < words.Length - 1 && words[first].ToLowerInvariant() is "simple" or "cipher" or "hash")
        {
            first++;
        }

        return string.Join(' ', words[first..]);
    }

    /// <summary>
    /// False when no word can be <c>password</c> or an abbreviation of it (all start with "pas"): most lines, which
    /// then need no splitting.
    /// </summary>
    private static bool MayHoldSecret(string line) => line.Contains("pas", StringComparison.OrdinalIgnoreCase);

    private static int PasswordKeywordIndex(string[] words) =>
        Array.FindIndex(words, w => w.Length >= 3 && "password".StartsWith(w, StringComparison.OrdinalIgnoreCase));

    private async ValueTask<CommandResult> RunLockedAsync(string line, int promptColumn, CancellationToken cancellationToken)
    {
        if (!IsAttachedToCurrentConfiguration())
        {
            // The configuration was replaced (control API reset) while this session was editing one of its objects.
            LogDetached(_device.Logger, User.Name, User.Line);
            _closed = true;
            return CommandResult.Failed;
        }

        var resolution = CommandExecutor.Resolve(_device, Views, User, line);
        var result = resolution.Result;
        var writer = _io!.Writer;
        if (result.Verdict != ParseVerdict.Ok)
        {
            var (caret, message) = CliMessages.SyntaxError(result.Verdict, promptColumn + result.ErrorOffset);
            writer.Line(caret);
            writer.Line(message);
            return CommandResult.SyntaxError;
        }

        if (resolution.PermissionDenied)
        {
            writer.Line(Dialect.PermissionDeniedMessage!);
            return CommandResult.Denied;
        }

        if (result.Command!.Definition.IsReadOnly && !result.Command.IsUndo)
        {
            _heldLock?.DeclareNoChanges();
        }

        // Stored before it runs so display history-command lists itself; a command that fails is taken out again.
        var remember = _interactive && !result.Command!.Definition.ExcludeFromHistory;
        var rollback = remember ? History.Add(line.Trim()) : null;
        _output!.Begin(result.Filter);
        var configuring = Views.Depth >= 2;
        var ok = await CommandExecutor.RunAsync(_device, this, resolution, cancellationToken);
        if (ok && configuring)
        {
            Logging.DeviceLog.Command(_device, User, RedactSecrets(line.Trim()));
        }

        if (!ok && rollback is not null)
        {
            History.Undo(rollback);
        }

        return ok ? CommandResult.Ok : CommandResult.Failed;
    }

    /// <summary>
    /// After a reboot or reset, views that hold objects of the old configuration (an interface, a zone, a rule) would
    /// edit detached objects: such a session is closed. Sessions in user or system view simply go on.
    /// </summary>
    private bool IsAttachedToCurrentConfiguration()
    {
        var current = _device.Generation;
        if (current == _generation)
        {
            return true;
        }

        if (Views.Views.Any(v => v.State is not null))
        {
            return false;
        }

        _generation = current;
        return true;
    }

    private void ReleaseLock()
    {
        var held = _heldLock;
        _heldLock = null;
        held?.Dispose();
    }

    void ICommandHost.Write(string text) => _output!.Append(text);

    void ICommandHost.Write(TerminalBlock block) => _output!.Append(block);

    void ICommandHost.Close() => _closed = true;

    void ICommandHost.ChangeUser(CliUser user) => User = user;

    /// <summary>
    /// A dialog inside a command (Y/N, file name, password): the lock is released while the question waits for the
    /// user, so other sessions, saves and the control API go on; it is taken again before the handler continues.
    /// </summary>
    async ValueTask<string?> ICommandHost.ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken)
    {
        var relock = _heldLock is not null;
        ReleaseLock();
        try
        {
            await _output!.FlushAsync(cancellationToken);
            _io!.Writer.Text(prompt);
            return await _io.ReadAnswerAsync(echo, Dialect.MaxLineLength, cancellationToken);
        }
        finally
        {
            if (relock)
            {
                _heldLock = await _device.LockAsync(cancellationToken);
            }
        }
    }

    /// <summary>Logs never carry passwords: everything after a <c>password</c> keyword (or its abbreviation) is masked.</summary>
    public static string RedactSecrets(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!MayHoldSecret(line))
        {
            return line;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = PasswordKeywordIndex(words);
        return at < 0 || at == words.Length - 1 ? line : string.Join(' ', words[..(at + 1)]) + " ******";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "user {User} runs: {Command}")]
    private static partial void LogCommand(ILogger logger, string user, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "user {User} on {Line} logged out: idle-timeout")]
    private static partial void LogIdleTimeout(ILogger logger, string user, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "login of {User} refused: all {Count} VTY lines are in use")]
    private static partial void LogNoFreeLine(ILogger logger, string user, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "user {User} on {Line} closed: the configuration it was editing was replaced")]
    private static partial void LogDetached(ILogger logger, string user, string line);
}
