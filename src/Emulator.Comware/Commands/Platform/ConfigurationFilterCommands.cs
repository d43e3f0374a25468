using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>display current-configuration interface [NAME]</c> and <c>display current-configuration configuration [FEATURE]</c>
/// (H3C MSR V5 / Comware 7 Fundamentals Command References: "display current-configuration [ [ configuration
/// [ configuration ] | interface [ interface-type ] [ interface-number ] ] [ by-linenum ] ]"). napalm-h3c sends the
/// feature form. Both print the matching blocks of the running configuration between <c>#</c> lines, then <c>return</c>;
/// <c>by-linenum</c> numbers the lines, on these forms and on the plain one. <c>| begin|include|exclude</c> applies to all
/// of them, as to every display command (<c>Engine/OutputFilter</c>).
/// </summary>
internal static class ConfigurationFilterCommands
{
    public static void Register(CommandRegistry r)
    {
        Display(r, "display current-configuration interface [ name:INTERFACE ] [ by-linenum ]",
            ["", "Current configuration", "Interface configuration", "Interface name", ByLineNumberHelp],
            ctx => ctx.Args.TryGet<InterfaceName>("name", out var name)
                ? block => string.Equals(block[0], "interface " + name.FullName, StringComparison.OrdinalIgnoreCase)
                : block => block[0].StartsWith("interface ", StringComparison.Ordinal));
        Display(r, "display current-configuration configuration [ feature:STRING<1-63> ] [ by-linenum ]",
            ["", "Current configuration", "Configuration of a feature", "Feature name, e.g. system, interface, acl, line", ByLineNumberHelp],
            ctx => ctx.Args.TryGet<string>("feature", out var feature) ? block => IsFeature(block, feature) : _ => true);
        r.Add(new CommandDefinition
        {
            Syntax = "display current-configuration by-linenum",
            Help = ["", "Current configuration", ByLineNumberHelp],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                ctx.WriteLines(Numbered(ctx.Device.RenderCurrentConfigurationLines()));
                return ValueTask.CompletedTask;
            },
        });
    }

    private const string ByLineNumberHelp = "Display the number of each line";

    /// <summary>
    /// <c>by-linenum</c>: each line prefixed with its number, right-aligned in six columns, a colon and two spaces (the
    /// layout of the display saved-configuration by-linenum example in the H3C Comware 5/7 Fundamentals Command References;
    /// the column width is unverified). Numbers are given before any <c>| include</c> filter, so kept lines keep theirs.
    /// </summary>
    public static IEnumerable<string> Numbered(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Select((line, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6) + ":  " + line);
    }

    /// <summary>
    /// The blocks of the running configuration (the lines between two <c>#</c> separators), without the version line
    /// and the closing <c>return</c>.
    /// </summary>
    public static List<IReadOnlyList<string>> Blocks(IReadOnlyList<string> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var blocks = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var line in configuration)
        {
            if (line == "#" || line == "return")
            {
                if (current.Count > 0 && !current[0].StartsWith(" version ", StringComparison.Ordinal))
                {
                    blocks.Add(current);
                }

                current = [];
                continue;
            }

            current.Add(line);
        }

        return blocks;
    }

    /// <summary>
    /// A block belongs to a feature when its first command starts with the feature's keyword (<c>interface</c>, <c>acl</c>,
    /// <c>line</c>, <c>local-user</c>, <c>security-zone</c>...); <c>system</c> is the global block holding <c>sysname</c>.
    /// </summary>
    public static bool IsFeature(IReadOnlyList<string> block, string feature)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(feature);
        if (string.Equals(feature, "system", StringComparison.OrdinalIgnoreCase))
        {
            return block.Any(l => l.StartsWith(" sysname ", StringComparison.Ordinal));
        }

        var first = block[0].TrimStart();
        return first.StartsWith(feature + " ", StringComparison.OrdinalIgnoreCase) || string.Equals(first, feature, StringComparison.OrdinalIgnoreCase);
    }

    private static void Display(CommandRegistry r, string syntax, string[] help, Func<CommandContext, Func<IReadOnlyList<string>, bool>> filter) =>
        r.Add(new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                var keep = filter(ctx);
                var lines = new List<string> { "#" };
                foreach (var block in Blocks(ctx.Device.RenderCurrentConfigurationLines()).Where(keep))
                {
                    lines.AddRange(block);
                    lines.Add("#");
                }

                lines.Add("return");
                ctx.WriteLines(ctx.Args.Has("by-linenum") ? Numbered(lines) : lines);
                return ValueTask.CompletedTask;
            },
        });
}
