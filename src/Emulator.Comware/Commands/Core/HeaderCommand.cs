using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Core;

/// <summary>
/// <c>header { incoming | legal | login | motd | shell } TEXT</c> (§1.5). The first character of the text is the
/// delimiter: <c>header motd %Welcome%</c> sets one line; <c>header motd %</c> (or text without the closing
/// delimiter) continues on the following lines until one contains the delimiter. Replay reads those lines from the
/// configuration file, so the rendering (<c> header motd %line1</c> / <c>line2%</c>) loads back unchanged.
/// </summary>
internal static class HeaderCommand
{
    public static readonly string[] Kinds = ["incoming", "legal", "login", "motd", "shell"];

    public static void Register(CommandRegistry registry)
    {
        registry.Add(new CommandDefinition
        {
            Syntax = "header { incoming | legal | login | motd | shell } text:TEXT",
            Help =
            [
                "",
                "Specify the banner of the terminal user interface",
                "Specify the legal banner",
                "Specify the login authentication banner",
                "Specify the banner of today",
                "Specify the session banner",
                "Banner text, the first character is the delimiter",
            ],
            UndoSyntax = "header { incoming | legal | login | motd | shell }",
            UndoHelp =
            [
                "Specify the login banner",
                "Specify the banner of the terminal user interface",
                "Specify the legal banner",
                "Specify the login authentication banner",
                "Specify the banner of today",
                "Specify the session banner",
            ],
            Handler = HandleAsync,
        });
        registry.AddKeywordHelp("header", "Specify the login banner");
        registry.AddConfigSection(new DelegateConfigSection(ConfigOrder.Header, Render));
    }

    private static async ValueTask HandleAsync(CommandContext context)
    {
        var kind = Kinds.First(k => context.Args.Has(k));
        var headers = context.Device.GetState<SystemState>().Headers;
        if (context.IsUndo)
        {
            headers.Remove(kind);
            return;
        }

        var text = context.Args.GetString("text");
        var delimiter = text[0];
        var close = text.IndexOf(delimiter, 1);
        if (close > 0)
        {
            headers[kind] = text[1..close];
            return;
        }

        if (!context.IsReplay)
        {
            context.WriteLine($"Please input banner content, and quit with the character '{delimiter}'.");
        }

        var lines = new List<string> { text[1..] };
        while (true)
        {
            var line = await context.ReadLineAsync("");
            if (line is null)
            {
                context.Fail("% The banner is not ended with the delimiter.");
                return;
            }

            var end = line.IndexOf(delimiter, StringComparison.Ordinal);
            if (end >= 0)
            {
                lines.Add(line[..end]);
                break;
            }

            lines.Add(line);
        }

        // "header motd %" then text on the next lines: the first (empty) line is not part of the banner.
        if (lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        headers[kind] = string.Join('\n', lines);
    }

    private static void Render(ComwareDevice device, ConfigWriter writer)
    {
        foreach (var (kind, text) in device.GetState<SystemState>().Headers)
        {
            var delimiter = "%#&$@*!^~".FirstOrDefault(c => !text.Contains(c, StringComparison.Ordinal), '%');
            var rendered = $" header {kind} {delimiter}{text}{delimiter}";
            foreach (var line in rendered.Split('\n'))
            {
                writer.Line(line);
            }
        }
    }
}
