using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Netconf;

/// <summary>
/// Runs CLI lines for a NETCONF session through the same parser, permissions and handlers as a shell, as the
/// session's user (H3C's <c>&lt;CLI&gt;</c> operation; edit-config's generated lines). No terminal: dialogs get no
/// answer, output is collected. Caller holds the device lock.
/// </summary>
internal sealed class NetconfCli : ICommandHost
{
    private readonly ComwareDevice _device;
    private readonly StringBuilder _output = new();
    private bool _closed;

    public NetconfCli(ComwareDevice device, CliUser user, bool systemView)
    {
        _device = device;
        User = user;
        Views = new ViewPath(new ViewInstance(device.Commands.View(ViewIds.User)));
        if (systemView)
        {
            Views.Push(new ViewInstance(device.Commands.View(ViewIds.System)));
        }
    }

    public ViewPath Views { get; }

    public CliUser User { get; private set; }

    public bool IsInteractive => false;

    public bool IsReplay => false;

    public History? History => null;

    public int? ScreenLength { get; set; }

    public bool TerminalMonitor { get; set; }

    public string Prompt => Views.Current.Prompt(_device.Sysname);

    /// <summary>One line: true when it ran; <paramref name="output"/> is what the CLI printed (the error text when it failed).</summary>
    public async ValueTask<(bool Ok, string Output)> RunAsync(string line, CancellationToken cancellationToken)
    {
        _output.Clear();
        if (_closed)
        {
            return (false, "The session is closed.");
        }

        var resolution = CommandExecutor.Resolve(_device, Views, User, line);
        if (resolution.Result.Verdict != ParseVerdict.Ok)
        {
            return (false, CliMessages.ForVerdict(resolution.Result.Verdict));
        }

        if (resolution.PermissionDenied)
        {
            return (false, _device.Dialect.PermissionDeniedMessage ?? CliMessages.ForVerdict(ParseVerdict.Unrecognized));
        }

        var ok = await CommandExecutor.RunAsync(_device, this, resolution, cancellationToken);
        return (ok, Filtered(_output.ToString(), resolution.Result.Filter));
    }

    /// <summary>Runs lines from system view, stopping at the first that fails; returns that line and its message.</summary>
    public async ValueTask<(string Line, string Message)?> RunBlockAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        Views.TruncateTo(1);
        Views.Push(new ViewInstance(_device.Commands.View(ViewIds.System)));
        foreach (var line in lines)
        {
            var (ok, output) = await RunAsync(line, cancellationToken);
            if (!ok)
            {
                return (line, output.Trim());
            }
        }

        return null;
    }

    /// <summary><c>| include|exclude|begin</c> as the shell applies them, line by line.</summary>
    private static string Filtered(string output, OutputFilter? filter)
    {
        if (filter is null || output.Length == 0)
        {
            return output;
        }

        var lines = output.Split('\n');
        var kept = lines.Take(lines.Length - 1).Where(filter.Accept).Select(l => l + "\n");
        return string.Concat(kept) + (lines[^1].Length > 0 && filter.Accept(lines[^1]) ? lines[^1] : "");
    }

    public void Write(string text) => _output.Append(text);

    public void Write(Terminal.TerminalBlock block) => _output.Append(block?.Text);

    public ValueTask<string?> ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken)
    {
        _output.Append(prompt);
        return ValueTask.FromResult<string?>(null);
    }

    public void Close() => _closed = true;

    public void ChangeUser(CliUser user) => User = user;
}
