using System.Globalization;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// V7 <c>configuration replace file FILE</c> (H3C Comware 7 Fundamentals Configuration Guide, "Replacing the running
/// configuration"): the running configuration and the file are compared and only the differences are applied — lines
/// only in the running configuration are undone (deepest first), lines only in the file are executed, each in its view.
/// A failing line of the file is reported with its line number. Undo steps are the device's own and are not reported:
/// what cannot be undone (a physical interface, a VTY line) stays, as it does on the device.
/// </summary>
internal static class ConfigurationReplace
{
    /// <param name="Chain">The view headers above the line, outermost first.</param>
    /// <param name="Text">The line without its indentation.</param>
    /// <param name="FileLine">1-based line in its text.</param>
    private sealed record Item(IReadOnlyList<string> Chain, string Text, int FileLine)
    {
        public string Key => string.Join('\u0001', Chain) + '\u0002' + Text;

        public string ChainKey => string.Join('\u0001', Chain);
    }

    public sealed record LineError(int FileLine, string Line, string Message, bool IsUndo);

    /// <summary>Applies the differences; caller holds the device lock. Returns the lines that failed.</summary>
    public static async Task<IReadOnlyList<LineError>> ApplyAsync(ComwareDevice device, string target, CancellationToken cancellationToken)
    {
        var current = Parse(string.Join('\n', device.RenderCurrentConfigurationLines()));
        var wanted = Parse(target);
        var wantedKeys = wanted.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var currentKeys = current.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);

        var script = new List<string>();
        var origin = new List<(Item Item, bool Undo)>();

        // Undo what the file does not have, last line first (a view's contents before the view).
        foreach (var item in current.Where(i => !wantedKeys.Contains(i.Key)).Reverse())
        {
            Emit(script, origin, item, "undo " + item.Text, undo: true);
        }

        foreach (var item in wanted.Where(i => !currentKeys.Contains(i.Key)))
        {
            Emit(script, origin, item, item.Text, undo: false);
        }

        var report = await ConfigurationReplay.RunAsync(device, string.Join('\n', script), cancellationToken);
        var errors = new List<LineError>();
        foreach (var error in report.Errors)
        {
            var (item, undo) = origin[error.LineNumber - 1];
            if (undo)
            {
                continue;
            }

            errors.Add(new LineError(item.FileLine, item.Text, error.Message, undo));
        }

        return errors;
    }

    /// <summary>One script step: "#" back to system view, the view headers, then the line.</summary>
    private static void Emit(List<string> script, List<(Item, bool)> origin, Item item, string line, bool undo)
    {
        script.Add("#");
        origin.Add((item, undo));
        foreach (var header in item.Chain)
        {
            script.Add(header);
            origin.Add((item, undo));
        }

        script.Add(line);
        origin.Add((item, undo));
    }

    /// <summary>Lines with their view chain by indentation (global lines have one space and no chain; view headers column 0).</summary>
    private static List<Item> Parse(string text)
    {
        var items = new List<Item>();
        var stack = new List<(int Indent, string Header)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd();
            var trimmed = raw.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed == "return" || trimmed.StartsWith("version ", StringComparison.Ordinal))
            {
                if (trimmed.StartsWith('#'))
                {
                    stack.Clear();
                }

                continue;
            }

            var indent = raw.Length - trimmed.Length;
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            // Column 0 opens a view; a global line (one space) outside any view has no chain.
            var chain = stack.Select(s => s.Header).ToList();
            items.Add(new Item(chain, trimmed, i + 1));
            if (indent == 0 || (i + 1 < lines.Length && Indent(lines[i + 1]) > indent))
            {
                stack.Add((indent, trimmed));
            }
        }

        return items;
    }

    private static int Indent(string line) => line.TrimEnd().Length == 0 ? 0 : line.Length - line.TrimStart().Length;

    public static string Describe(LineError error) => error.IsUndo
        ? string.Create(CultureInfo.InvariantCulture, $"undo {error.Line}: {error.Message}")
        : string.Create(CultureInfo.InvariantCulture, $"Line {error.FileLine}: {error.Line}: {error.Message}");
}
