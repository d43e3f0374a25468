using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Platform;

/// <summary>A banner being typed over several lines until its delimiter comes back.</summary>
internal sealed class PendingHeader(string kind, char delimiter)
{
    public string Kind { get; } = kind;

    public char Delimiter { get; } = delimiter;

    public StringBuilder Text { get; } = new();

    /// <summary>Adds one line; true when it held the closing delimiter (the rest of that line is dropped).</summary>
    public bool Add(string line)
    {
        var end = line.IndexOf(Delimiter, StringComparison.Ordinal);
        if (Text.Length > 0)
        {
            Text.Append('\n');
        }

        Text.Append(end < 0 ? line : line[..end]);
        return end >= 0;
    }
}

/// <summary>
/// <c>header incoming|legal|login|motd|shell</c>: the first character of the text is the delimiter; text that does
/// not close on the same line continues on the next lines (V7 capture: "Please input banner content, and quit with
/// the character '%'."). During a configuration replay the continuation lines come from the configuration text.
/// </summary>
internal static class HeaderCommands
{
    public static void Register(CommandRegistry r)
    {
        string[] kindHelp =
        [
            "Specify the login banner", "Banner for incoming (modem) logins", "Legal banner shown before login",
            "Banner shown during login authentication", "Message of the day", "Banner shown after login",
        ];
        r.Add(new CommandDefinition
        {
            Syntax = "header { incoming | legal | login | motd | shell } [ text:TEXT ]",
            Help = [.. kindHelp, "Banner text, starting with its delimiter"],
            Level = Levels.System,
            UndoSyntax = "header { incoming | legal | login | motd | shell }",
            UndoHelp = kindHelp,
            Handler = SetHeaderAsync,
        });
        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Header, (device, writer) =>
        {
            foreach (var line in ManagementRenderer.RenderHeaders(device.GetState<SystemState>().Headers))
            {
                writer.Line(line);
            }
        }));
    }

    private static string Kind(CommandContext ctx) =>
        HeaderKinds.All.First(ctx.Args.Has);

    private static async ValueTask SetHeaderAsync(CommandContext ctx)
    {
        var kind = Kind(ctx);
        var headers = ctx.Device.GetState<SystemState>().Headers;
        if (ctx.IsUndo)
        {
            headers.Remove(kind);
            return;
        }

        var text = ctx.Args.GetStringOrNull("text");
        var pending = new PendingHeader(kind, text is { Length: > 0 } ? text[0] : '%');
        if (text is { Length: > 1 } && pending.Add(text[1..]))
        {
            Store(ctx, pending);
            return;
        }

        ctx.WriteLine($"Please input banner content, and quit with the character '{pending.Delimiter}'.");
        while (true)
        {
            var line = await ctx.ReadLineAsync("");
            if (line is null)
            {
                return;
            }

            if (pending.Add(line))
            {
                Store(ctx, pending);
                return;
            }
        }
    }

    private static void Store(CommandContext ctx, PendingHeader pending) =>
        ctx.Device.GetState<SystemState>().Headers[pending.Kind] = pending.Text.ToString();
}
