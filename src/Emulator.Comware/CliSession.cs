using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Terminal;
using Microsoft.Extensions.Logging;

namespace Emulator.Comware;

/// <summary>
/// One login on a device: the shell (banner, prompt, line editor, <c>?</c>, Tab, history, pager) or one exec request.
/// Commands run through the same resolver and handlers as configuration replay.
/// </summary>
public sealed partial class CliSession : ICommandHost
{
    private readonly ComwareDevice _device;
    private readonly ParameterContext _parameterContext;
    private TerminalWriter? _writer;
    private KeyReader? _keys;
    private LineEditor? _editor;
    private TabCycle? _tab;
    private bool _closed;
    private bool _interactive;

    public CliSession(ComwareDevice device, CliUser user)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        User = user ?? throw new ArgumentNullException(nameof(user));
        _parameterContext = new ParameterContext(device.Facts.Dialect);
        Views = new ViewPath(new ViewInstance(device.Commands.View(ViewIds.User)));
        History = new History(device.Dialect.HistorySize);
        ScreenLength = device.Dialect.DefaultScreenLength;
    }

    public CliUser User { get; internal set; }

    public ComwareDevice Device => _device;

    public ViewPath Views { get; }

    public History History { get; }

    /// <summary>Lines per page; null after <c>screen-length disable</c> (this session only, §3.2).</summary>
    public int? ScreenLength { get; set; }

    /// <summary>
    /// Ends the shell when no key arrives for this long (the line's <c>idle-timeout</c>; V5 default 10 minutes).
    /// Null (the default here) never times out; the device layer sets it from the user-interface configuration.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>The prompt of the current view, e.g. <c>&lt;H3C&gt;</c> or <c>[H3C-GigabitEthernet0/1]</c>.</summary>
    public string Prompt => Views.Current.Prompt(_device.Sysname);

    bool ICommandHost.IsInteractive => _interactive;

    bool ICommandHost.IsReplay => false;

    private DialectSettings Dialect => _device.Dialect;

    /// <summary>Runs the interactive shell until <c>quit</c> in user view or the end of input. Returns the exit status (0).</summary>
    public async Task<int> RunShellAsync(CliTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        Attach(terminal, interactive: true);
        await _device.EnsureBootedAsync(cancellationToken);
        WriteCopyright();
        if (!await WriteHeadersAsync(cancellationToken))
        {
            await _writer!.FlushAsync(cancellationToken);
            return 0;
        }

        _writer!.Raw(Dialect.NulAroundBanner ? "\0" + Prompt : Prompt);
        while (!_closed)
        {
            var key = await ReadKeyAsync(cancellationToken);
            if (key is not { } k)
            {
                break;
            }

            await HandleKeyAsync(k, cancellationToken);
        }

        await _writer.FlushAsync(cancellationToken);
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
        Attach(terminal, interactive: false);
        await _device.EnsureBootedAsync(cancellationToken);
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

        await _writer!.FlushAsync(cancellationToken);
        return status;
    }

    private void Attach(CliTerminal terminal, bool interactive)
    {
        _writer = new TerminalWriter(terminal.Output, Dialect.NewLine);
        _keys = new KeyReader(terminal.Input);
        _editor = new LineEditor(_writer, History, Dialect.MaxLineLength);
        _interactive = interactive;
        _closed = false;
    }

    /// <summary>§1.3/§1.4: blank line, the 78-column copyright box, a blank line (V5 adds NULs).</summary>
    private void WriteCopyright()
    {
        var nul = Dialect.NulAroundBanner ? "\0" : "";
        var border = new string('*', 78);
        _writer!.Line();
        _writer.Raw(nul);
        _writer.Line(border);
        _writer.Line(BannerLine($"Copyright (c) {_device.Facts.CopyrightYears} {Dialect.CopyrightHolder} All rights reserved."));
        _writer.Line(BannerLine("Without the owner's prior written consent,"));
        _writer.Line(BannerLine("no decompiling or reverse-engineering shall be allowed."));
        _writer.Line(border);
        _writer.Line();
    }

    /// <summary>
    /// The <c>header</c> banners of a shell login: legal (with its question; N ends the session), motd, shell.
    /// Returns false when the user declined the legal banner.
    /// </summary>
    private async ValueTask<bool> WriteHeadersAsync(CancellationToken cancellationToken)
    {
        var headers = _device.GetState<SystemState>().Headers;
        if (headers.TryGetValue("legal", out var legal))
        {
            _writer!.Text(legal);
            _writer.Line();
            _writer.Raw("Press Y or ENTER to continue, N to exit.");
            while (true)
            {
                var key = await ReadKeyAsync(cancellationToken);
                if (key is null || key is { Kind: KeyKind.Printable, Character: 'n' or 'N' })
                {
                    _writer.Line();
                    return false;
                }

                if (key is { Kind: KeyKind.Enter } or { Kind: KeyKind.Printable, Character: 'y' or 'Y' })
                {
                    _writer.Line();
                    break;
                }
            }
        }

        foreach (var kind in (string[])["motd", "shell"])
        {
            if (headers.TryGetValue(kind, out var text))
            {
                _writer!.Text(text);
                _writer.Line();
            }
        }

        return true;
    }

    private static string BannerLine(string text) => ("* " + text).PadRight(77) + "*";

    private async ValueTask<Key?> ReadKeyAsync(CancellationToken cancellationToken)
    {
        if (_keys!.HasBufferedKeys)
        {
            return await _keys.ReadAsync(cancellationToken);
        }

        if (!await _writer!.FlushAsync(cancellationToken))
        {
            return null;
        }

        if (IdleTimeout is not { } idle || !_interactive)
        {
            return await _keys.ReadAsync(cancellationToken);
        }

        using var timer = new CancellationTokenSource(idle, _device.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await _keys.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // idle-timeout: the device drops the user without a word.
            _closed = true;
            return null;
        }
    }

    private async ValueTask HandleKeyAsync(Key key, CancellationToken cancellationToken)
    {
        if (key.Kind != KeyKind.Tab)
        {
            _tab = null;
        }

        switch (_editor!.Handle(key))
        {
            case EditorAction.Submit:
                await SubmitAsync(cancellationToken);
                break;
            case EditorAction.Help:
                ShowHelp();
                break;
            case EditorAction.Complete:
                Complete();
                break;
            case EditorAction.Cancel:
                _editor.Clear();
                _writer!.Line();
                _writer.Raw(Prompt);
                break;
            case EditorAction.ReturnToUserView:
                _editor.Clear();
                Views.ReturnToUserView();
                _writer!.Line();
                _writer.Raw(Prompt);
                break;
        }
    }

    private async ValueTask SubmitAsync(CancellationToken cancellationToken)
    {
        var line = _editor!.Text;
        var promptColumn = Prompt.Length;
        _editor.Clear();
        _writer!.Line();
        if (line.Trim().Length > 0)
        {
            LogCommand(_device.Logger, User.Name, RedactSecrets(line));
            await ExecuteLineAsync(line, promptColumn, cancellationToken);
        }

        History.ResetBrowsing();
        if (!_closed)
        {
            _writer.Raw(Prompt);
        }
    }

    /// <summary>Parses and runs one line under the device lock; prints syntax errors with the caret. True on success.</summary>
    private async ValueTask<bool> ExecuteLineAsync(string line, int promptColumn, CancellationToken cancellationToken)
    {
        _heldLock = await _device.LockAsync(cancellationToken);
        try
        {
            var resolution = CommandExecutor.Resolve(_device, Views, User, line);
            var result = resolution.Result;
            if (result.Verdict != ParseVerdict.Ok)
            {
                var (caret, message) = CliMessages.SyntaxError(result.Verdict, promptColumn + result.ErrorOffset);
                _writer!.Line(caret);
                _writer.Line(message);
                return false;
            }

            if (resolution.PermissionDenied)
            {
                _writer!.Line(Dialect.PermissionDeniedMessage!);
                return false;
            }

            // Stored before it runs so display history-command lists itself; a command that fails is taken out again.
            var remember = _interactive && !result.Command!.Definition.ExcludeFromHistory;
            var rollback = remember ? History.Add(line.Trim()) : null;
            BeginCommandOutput(result.Filter);
            var ok = await CommandExecutor.RunAsync(_device, this, resolution, cancellationToken);
            await FlushCommandOutputAsync(cancellationToken);
            if (!ok && rollback is not null)
            {
                History.Undo(rollback);
            }

            return ok;
        }
        finally
        {
            _heldLock?.Dispose();
            _heldLock = null;
        }
    }

    private void ShowHelp()
    {
        var line = _editor!.Text;
        _writer!.Raw("?");
        _writer.Line();
        HelpResult? first = null;
        for (var depth = Views.Depth; depth >= 1; depth--)
        {
            var view = Views.Views[depth - 1];
            var result = CommandParser.Help(CommandExecutor.ForHelp(_device, view, User), line, _parameterContext);
            first ??= result;
            if (result.Verdict == ParseVerdict.Ok)
            {
                first = result;
                break;
            }

            if (!view.Definition.FallbackToParent)
            {
                break;
            }
        }

        if (first!.Verdict != ParseVerdict.Ok)
        {
            var (caret, message) = CliMessages.SyntaxError(first.Verdict, Prompt.Length + first.ErrorOffset);
            _writer.Line(caret);
            _writer.Line(message);
        }
        else
        {
            if (line.Trim().Length == 0)
            {
                _writer.Line(Views.Current.Definition.HelpTitle);
            }

            foreach (var text in CliMessages.FormatHelp(first.Items))
            {
                _writer.Line(text);
            }

            _writer.Line();
        }

        _writer.Raw(Prompt);
        _editor.Restore(line);
    }

    private void Complete()
    {
        var editor = _editor!;
        if (editor.Cursor != editor.Text.Length)
        {
            return;
        }

        if (_tab is null)
        {
            var line = editor.Text;
            IReadOnlyList<string> words = [];
            for (var depth = Views.Depth; depth >= 1 && words.Count == 0; depth--)
            {
                var view = Views.Views[depth - 1];
                words = CommandParser.Complete(CommandExecutor.ForHelp(_device, view, User), line, _parameterContext);
                if (!view.Definition.FallbackToParent)
                {
                    break;
                }
            }

            if (words.Count == 0)
            {
                // No match: the line is shown again unchanged on a new line (V7 manual Table 1).
                _writer!.Line();
                _writer.Raw(Prompt);
                editor.Restore(line);
                return;
            }

            var start = line.Length;
            while (start > 0 && line[start - 1] is not (' ' or '\t'))
            {
                start--;
            }

            _tab = new TabCycle(line[..start], words);
        }

        _tab.Index = (_tab.Index + 1) % _tab.Words.Count;
        editor.Replace(_tab.Prefix + _tab.Words[_tab.Index]);
    }

    /// <summary>Repeated Tab cycles through the candidates of the word typed before the first Tab (§2.3).</summary>
    private sealed record TabCycle(string Prefix, IReadOnlyList<string> Words)
    {
        public int Index { get; set; } = -1;
    }

    /// <summary>Logs never carry passwords: everything after a <c>password</c> keyword (or its abbreviation) is masked.</summary>
    public static string RedactSecrets(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(words, w => w.Length >= 3 && "password".StartsWith(w, StringComparison.OrdinalIgnoreCase));
        return at < 0 || at == words.Length - 1 ? line : string.Join(' ', words[..(at + 1)]) + " ******";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "user {User} runs: {Command}")]
    private static partial void LogCommand(ILogger logger, string user, string command);
}
