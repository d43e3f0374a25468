namespace Emulator.Comware.Engine;

/// <summary>Runs a matched command. Output, dialogs and view changes go through the context.</summary>
public delegate ValueTask CommandHandler(CommandContext context);

[Flags]
public enum Dialects
{
    V5 = 1,
    V7 = 2,
    All = V5 | V7,
}

/// <summary>Well-known view ids and view scopes for <see cref="CommandDefinition.Views"/>.</summary>
public static class ViewIds
{
    public const string User = "user";
    public const string System = "system";

    /// <summary>Every view (display commands).</summary>
    public const string Any = "*";

    /// <summary>Every view except user view (return, Ctrl+Z).</summary>
    public const string AnyConfig = "*config";

    /// <summary>Every view below system view (quit from a sub-view goes one level up).</summary>
    public const string AnySubView = "*sub";
}

/// <summary>V5 privilege levels (<c>Privilege note: 0-VISIT, 1-MONITOR, 2-SYSTEM, 3-MANAGE</c>).</summary>
public static class Levels
{
    public const int Visit = 0;
    public const int Monitor = 1;
    public const int System = 2;
    public const int Manage = 3;
}

/// <summary>
/// A command as data. <see cref="Syntax"/> is written as in the H3C manual (see <see cref="GrammarParser"/>), with exactly
/// one <see cref="Help"/> entry per keyword and parameter in order; an empty entry takes the shared help of that keyword
/// (<see cref="CommandRegistry.AddKeywordHelp"/>).
/// </summary>
public sealed record CommandDefinition
{
    public required string Syntax { get; init; }

    public required IReadOnlyList<string> Help { get; init; }

    public required CommandHandler Handler { get; init; }

    /// <summary>Views the command is valid in (ids or the scopes of <see cref="ViewIds"/>).</summary>
    public IReadOnlyList<string> Views { get; init; } = [ViewIds.System];

    /// <summary>Minimum V5 level; on V7 the user's roles map onto these levels (see README).</summary>
    public int Level { get; init; } = Levels.System;

    public Dialects Dialects { get; init; } = Dialects.All;

    /// <summary>The grammar after <c>undo</c>, e.g. <c>sysname</c> for <c>undo sysname</c>; null when there is no undo form.</summary>
    public string? UndoSyntax { get; init; }

    /// <summary>Help of the undo grammar's tokens (the <c>undo</c> keyword itself is shared).</summary>
    public IReadOnlyList<string>? UndoHelp { get; init; }

    /// <summary>Handler of the undo form; defaults to <see cref="Handler"/> with <see cref="CommandContext.IsUndo"/> set.</summary>
    public CommandHandler? UndoHandler { get; init; }

    /// <summary>Minimum level of the undo form; defaults to <see cref="Level"/>.</summary>
    public int? UndoLevel { get; init; }

    /// <summary>Accepts <c>| begin|include|exclude REGEX</c>; defaults to true for <c>display</c> commands.</summary>
    public bool? AllowsOutputFilter { get; init; }

    /// <summary>Not listed by <c>?</c> or Tab, still executable.</summary>
    public bool Hidden { get; init; }

    /// <summary>Not stored in the history (password commands, V7 manual).</summary>
    public bool ExcludeFromHistory { get; init; }

    /// <summary>
    /// Reads state only, so running it leaves the configuration version (and the kept rendering) as it was; defaults
    /// to true for <c>display</c> commands, which on Comware never change the configuration.
    /// </summary>
    public bool? ChangesNothing { get; init; }

    internal bool IsReadOnly => ChangesNothing ?? Syntax.StartsWith("display ", StringComparison.Ordinal);
}

/// <summary>
/// A view as data. <see cref="PromptFormat"/> is a composite format: <c>{0}</c> the sysname, <c>{1}</c> the view
/// instance's key (e.g. <c>[{0}-luser-{1}]</c>).
/// </summary>
public sealed record ViewDefinition(string Id, string? Parent, string PromptFormat, string HelpTitle)
{
    /// <summary>A line not found here is tried in the parent views (Comware switches to the view where it matched).</summary>
    public bool FallbackToParent { get; init; } = true;

    public Dialects Dialects { get; init; } = Dialects.All;

    /// <summary>
    /// The configuration section that writes this view's block (FRR's <c>cmd_node</c> → <c>config_write</c>):
    /// <c>display this</c> in the view prints <see cref="Runtime.IConfigSection.RenderView"/> of this section, and
    /// registering the view registers the section for <c>display current-configuration</c>.
    /// </summary>
    public Runtime.IConfigSection? Section { get; init; }
}

/// <summary>One entered view: its definition plus the key and state the entering command gave it.</summary>
public sealed record ViewInstance(ViewDefinition Definition, string Key = "", object? State = null)
{
    public string Id => Definition.Id;

    public string Prompt(string sysname) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Definition.PromptFormat, sysname, Key);
}
