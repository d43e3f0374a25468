using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Shell;

/// <summary>
/// <c>?</c> help and Tab completion of the line being typed. Both look the line up in the current view and, as the
/// executor does, in its parents (<see cref="CommandExecutor.FallbackChain"/>). They read only the command tables,
/// never the configuration, so they need no lock.
/// </summary>
internal sealed class CommandAssist(ComwareDevice device)
{
    private readonly ParameterContext _parameters = new(device.Facts.Dialect);
    private TabCycle? _tab;

    /// <summary>Any key other than Tab ends a completion cycle.</summary>
    public void KeyPressed(Key key)
    {
        if (key.Kind != KeyKind.Tab)
        {
            _tab = null;
        }
    }

    /// <summary>Prints the help list for the line (or the caret error), then the prompt and the line again.</summary>
    public void ShowHelp(TerminalWriter writer, LineEditor editor, ViewPath views, CliUser user, string prompt)
    {
        var line = editor.Text;
        writer.Raw("?");
        writer.Line();
        HelpResult? first = null;
        foreach (var view in CommandExecutor.FallbackChain(views))
        {
            var result = CommandParser.Help(CommandExecutor.ForHelp(device, view, user), line, _parameters);
            first ??= result;
            if (result.Verdict == ParseVerdict.Ok)
            {
                first = result;
                break;
            }
        }

        if (first!.Verdict != ParseVerdict.Ok)
        {
            var (caret, message) = CliMessages.SyntaxError(first.Verdict, prompt.Length + first.ErrorOffset);
            writer.Line(caret);
            writer.Line(message);
        }
        else
        {
            if (line.Trim().Length == 0)
            {
                writer.Line(views.Current.Definition.HelpTitle);
            }

            foreach (var text in CliMessages.FormatHelp(first.Items))
            {
                writer.Line(text);
            }

            writer.Line();
        }

        writer.Raw(prompt);
        editor.Restore(line);
    }

    /// <summary>Completes the word at the end of the line; repeated Tab cycles through the candidates (§2.3).</summary>
    public void Complete(TerminalWriter writer, LineEditor editor, ViewPath views, CliUser user, string prompt)
    {
        if (editor.Cursor != editor.Text.Length)
        {
            return;
        }

        if (_tab is null)
        {
            var line = editor.Text;
            IReadOnlyList<string> words = [];
            foreach (var view in CommandExecutor.FallbackChain(views))
            {
                words = CommandParser.Complete(CommandExecutor.ForHelp(device, view, user), line, _parameters);
                if (words.Count > 0)
                {
                    break;
                }
            }

            if (words.Count == 0)
            {
                // No match: the line is shown again unchanged on a new line (V7 manual Table 1).
                writer.Line();
                writer.Raw(prompt);
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
}
