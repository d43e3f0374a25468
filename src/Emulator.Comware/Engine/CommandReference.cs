using System.Globalization;
using System.Text;

namespace Emulator.Comware.Engine;

/// <summary>
/// The supported commands as Markdown, generated from a command set (never kept by hand): one table per view scope,
/// each syntax with the dialects that have it, its level and, where it exists, its <c>undo</c> form.
/// <c>docs/commands.md</c> is this text for the default set; a test fails when it is out of date.
/// </summary>
public static class CommandReference
{
    public static string Markdown(CommandSet commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var sb = new StringBuilder();
        sb.Append("# Supported commands\n\n");
        sb.Append("Generated from the command registry (`CommandReference`); refresh with\n");
        sb.Append("`UPDATE_COMMANDS=1 dotnet test tests/Emulator.Comware.Tests --filter CommandReference`.\n");
        sb.Append("Syntax as in the H3C manuals: `[ ]` optional, `{ a | b }` one of, `name:TYPE` a parameter.\n");
        sb.Append("Level: V5 command level (0 visit, 1 monitor, 2 system, 3 manage); V7 roles map onto it.\n");
        var byScope = commands.Definitions
            .SelectMany(d => d.Views.Select(v => (Scope: v, Definition: d)))
            .GroupBy(p => p.Scope, StringComparer.Ordinal)
            .OrderBy(g => ScopeOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var scope in byScope)
        {
            sb.Append("\n## ").Append(ScopeTitle(commands, scope.Key)).Append("\n\n");
            sb.Append("| command | V5 | V7 | level | undo |\n|---|:-:|:-:|:-:|---|\n");
            var rows = scope
                .GroupBy(p => p.Definition.Syntax, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var dialects = row.Aggregate(Dialects.V5 & Dialects.V7, (all, p) => all | p.Definition.Dialects);
                var first = row.First().Definition;
                sb.Append("| `").Append(Escape(row.Key)).Append("` | ")
                  .Append(dialects.HasFlag(Dialects.V5) ? "yes" : "").Append(" | ")
                  .Append(dialects.HasFlag(Dialects.V7) ? "yes" : "").Append(" | ")
                  .Append(first.Level.ToString(CultureInfo.InvariantCulture)).Append(" | ")
                  .Append(first.UndoSyntax is { } undo ? "`undo " + Escape(undo) + "`" : "").Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static int ScopeOrder(string scope) => scope switch
    {
        ViewIds.Any => 0,
        ViewIds.User => 1,
        ViewIds.AnyConfig => 2,
        ViewIds.System => 3,
        ViewIds.AnySubView => 4,
        _ => 5,
    };

    private static string ScopeTitle(CommandSet commands, string scope) => scope switch
    {
        ViewIds.Any => "Any view",
        ViewIds.AnyConfig => "Any view but user view",
        ViewIds.AnySubView => "Any view below system view",
        _ when commands.Views.TryGetValue(scope, out var view) => $"{view.HelpTitle.TrimEnd(':').Replace(" commands", "", StringComparison.Ordinal)} (`{scope}`, prompt `{string.Format(CultureInfo.InvariantCulture, view.PromptFormat, "H3C", "…")}`)",
        _ => scope,
    };

    private static string Escape(string syntax) => syntax.Replace("|", "\\|", StringComparison.Ordinal);
}
