using Emulator.Comware.Engine;

namespace Emulator.Comware.Runtime;

/// <summary>
/// Replays configuration text (startup.cfg, profile defaults) through the same parser as the shell, starting in
/// system view with full privilege. <c>#</c>, <c>return</c> and <c>version</c> lines are skipped (§2.1); a line
/// that fails is recorded with its number and the CLI's message, never dropped silently.
/// </summary>
internal sealed class ConfigurationReplay : ICommandHost
{
    private readonly System.Text.StringBuilder _output = new();
    private string[] _lines = [];
    private int _next;

    private ConfigurationReplay(ComwareDevice device)
    {
        Views = new ViewPath(new ViewInstance(device.Commands.View(ViewIds.User)));
        Views.Push(new ViewInstance(device.Commands.View(ViewIds.System)));
    }

    public ViewPath Views { get; }

    public CliUser User => CliUser.System;

    public bool IsInteractive => false;

    public bool IsReplay => true;

    /// <summary>Caller holds the device lock.</summary>
    public static async Task<ConfigurationLoadReport> RunAsync(ComwareDevice device, string text, CancellationToken cancellationToken)
    {
        var replay = new ConfigurationReplay(device);
        var errors = new List<ConfigurationError>();
        var executed = 0;
        var lines = replay._lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i = replay._next)
        {
            replay._next = i + 1;
            var line = lines[i].TrimEnd('\r', ' ', '\t');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                // A separator closes the section: the next one starts from system view.
                replay.Views.TruncateTo(2);
                continue;
            }

            if (trimmed.Length == 0 || trimmed == "return" || trimmed.StartsWith("version ", StringComparison.Ordinal))
            {
                continue;
            }

            var resolution = CommandExecutor.Resolve(device, replay.Views, CliUser.System, trimmed);
            if (resolution.Result.Verdict != ParseVerdict.Ok)
            {
                errors.Add(new ConfigurationError(i + 1, line, CliMessages.ForVerdict(resolution.Result.Verdict)));
                continue;
            }

            replay._output.Clear();
            executed++;
            if (!await CommandExecutor.RunAsync(device, replay, resolution, cancellationToken))
            {
                errors.Add(new ConfigurationError(i + 1, line, replay._output.ToString().Trim()));
            }

            if (replay.Views.Depth < 2)
            {
                replay.Views.Push(new ViewInstance(device.Commands.View(ViewIds.System)));
            }
        }

        return new ConfigurationLoadReport(executed, errors);
    }

    public void Write(string text) => _output.Append(text);

    public void Write(Terminal.TerminalBlock block) => _output.Append(block?.Text);

    /// <summary>Multi-line commands (header) read their continuation lines from the configuration text.</summary>
    public ValueTask<string?> ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_next < _lines.Length ? _lines[_next++].TrimEnd('\r') : null);

    public void Close()
    {
    }

    public void ChangeUser(CliUser user)
    {
    }

    public Terminal.History? History => null;

    public int? ScreenLength
    {
        get => null;
        set { }
    }

    public bool TerminalMonitor
    {
        get => false;
        set { }
    }
}
