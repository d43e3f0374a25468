using System.Collections.Frozen;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Engine;

/// <summary>A command set contributed by one part of the emulator (core, system, firewall...).</summary>
public interface ICommandModule
{
    void Register(CommandRegistry registry);
}

/// <summary>
/// Collects views, commands, parameter types, keyword help and configuration sections from the modules, then
/// <see cref="Build"/>s an immutable <see cref="CommandSet"/> that every device of a fleet can share.
/// </summary>
public sealed class CommandRegistry
{
    private readonly List<ViewDefinition> _views = [];
    private readonly List<CommandDefinition> _commands = [];
    private readonly Dictionary<string, string> _keywordHelp = new(StringComparer.Ordinal);
    private readonly List<IConfigSection> _sections = [];

    public ParameterTypes ParameterTypes { get; } = new();

    /// <summary>Adds a view and the configuration section it declares (once, however many views share it).</summary>
    public void AddView(ViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _views.Add(view);
        if (view.Section is { } section)
        {
            AddConfigSection(section);
        }
    }

    public void Add(CommandDefinition command) => _commands.Add(command);

    public void AddRange(IEnumerable<CommandDefinition> commands) => _commands.AddRange(commands);

    /// <summary>Shared help of a keyword (used where a command's help entry is empty). The first registration wins.</summary>
    public void AddKeywordHelp(string keyword, string help) => _keywordHelp.TryAdd(keyword, help);

    /// <summary>Adds a section of <c>display current-configuration</c>; adding the same instance twice keeps one.</summary>
    public void AddConfigSection(IConfigSection section)
    {
        if (!_sections.Contains(section))
        {
            _sections.Add(section);
        }
    }

    /// <summary>Validates everything (unknown views, help counts, bad syntax) and freezes it.</summary>
    public CommandSet Build()
    {
        var views = new Dictionary<string, ViewDefinition>(StringComparer.Ordinal);
        foreach (var view in _views)
        {
            if (!views.TryAdd(view.Id, view))
            {
                throw new InvalidOperationException($"View {view.Id} is registered twice.");
            }
        }

        foreach (var view in views.Values)
        {
            if (view.Parent is not null && !views.ContainsKey(view.Parent))
            {
                throw new InvalidOperationException($"View {view.Id} has an unknown parent {view.Parent}.");
            }
        }

        var compiled = new List<CompiledCommand>();
        foreach (var command in _commands)
        {
            foreach (var id in command.Views)
            {
                if (id is not (ViewIds.Any or ViewIds.AnyConfig or ViewIds.AnySubView) && !views.ContainsKey(id))
                {
                    throw new InvalidOperationException($"Command \"{command.Syntax}\" names an unknown view {id}.");
                }
            }

            compiled.Add(Compile(command, command.Syntax, command.Help, isUndo: false, command.Level, compiled.Count));
            if (command.UndoSyntax is not null)
            {
                var help = new List<string> { "" };
                help.AddRange(command.UndoHelp ?? []);
                compiled.Add(Compile(command, "undo " + command.UndoSyntax, help, isUndo: true, command.UndoLevel ?? command.Level, compiled.Count));
            }
        }

        RejectDuplicates(compiled);
        return new CommandSet(views.ToFrozenDictionary(StringComparer.Ordinal), compiled, [.. _sections.OrderBy(s => s.Order)]);
    }

    private CompiledCommand Compile(CommandDefinition command, string syntax, IReadOnlyList<string> help, bool isUndo, int level, int order)
    {
        var tree = GrammarParser.Parse(syntax, ParameterTypes, out var terminals);
        if (help.Count != terminals)
        {
            throw new GrammarException(syntax, $"{terminals} keywords and parameters but {help.Count} help texts");
        }

        var resolved = new string[help.Count];
        CollectKeywords(tree, (word, index) =>
        {
            resolved[index] = help[index].Length > 0 ? help[index]
                : _keywordHelp.TryGetValue(word, out var shared) ? shared
                : throw new GrammarException(syntax, $"no help for keyword '{word}'");
        });
        for (var i = 0; i < resolved.Length; i++)
        {
            resolved[i] ??= help[i].Length > 0 ? help[i] : throw new GrammarException(syntax, $"no help for parameter #{i + 1}");
        }

        return new CompiledCommand(command, NfaCompiler.Compile(tree, resolved), isUndo, level, order);
    }

    /// <summary>Two modules registering the same syntax for the same view and dialect would shadow each other silently.</summary>
    private static void RejectDuplicates(List<CompiledCommand> compiled)
    {
        var seen = new Dictionary<(string Syntax, string View), CompiledCommand>();
        foreach (var command in compiled)
        {
            var syntax = string.Join(' ', command.Syntax.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            foreach (var view in command.Definition.Views)
            {
                if (seen.TryGetValue((syntax, view), out var other) && (other.Definition.Dialects & command.Definition.Dialects) != 0)
                {
                    throw new InvalidOperationException($"Command \"{command.Syntax}\" is registered twice for view {view}.");
                }

                seen[(syntax, view)] = command;
            }
        }
    }

    private static void CollectKeywords(SyntaxNode node, Action<string, int> visit)
    {
        switch (node)
        {
            case KeywordNode keyword:
                visit(keyword.Word, keyword.HelpIndex);
                break;
            case SequenceNode sequence:
                sequence.Items.ToList().ForEach(n => CollectKeywords(n, visit));
                break;
            case ChoiceNode choice:
                choice.Alternatives.ToList().ForEach(n => CollectKeywords(n, visit));
                break;
            case OptionalNode optional:
                CollectKeywords(optional.Item, visit);
                break;
            case RepeatNode repeat:
                CollectKeywords(repeat.Item, visit);
                break;
        }
    }
}

/// <summary>The frozen result of a <see cref="CommandRegistry"/>: views, commands per view and dialect, config sections.</summary>
public sealed class CommandSet
{
    private readonly IReadOnlyList<CompiledCommand> _commands;
    /// <summary>The level that hides no command.</summary>
    internal const int AnyLevel = int.MaxValue;

    private readonly Dictionary<(string, ComwareDialect, int), CompiledCommand[]> _byView = [];
    private readonly Lock _cacheLock = new();
    private readonly ParseMemo _parses = new();

    internal CommandSet(FrozenDictionary<string, ViewDefinition> views, IReadOnlyList<CompiledCommand> commands, IReadOnlyList<IConfigSection> sections)
    {
        Views = views;
        _commands = commands;
        ConfigSections = sections;
    }

    public IReadOnlyDictionary<string, ViewDefinition> Views { get; }

    /// <summary>Sections of <c>display current-configuration</c>, by <see cref="IConfigSection.Order"/>.</summary>
    public IReadOnlyList<IConfigSection> ConfigSections { get; }

    /// <summary>Builds the set of the given modules.</summary>
    public static CommandSet Build(IEnumerable<ICommandModule> modules)
    {
        var registry = new CommandRegistry();
        foreach (var module in modules)
        {
            module.Register(registry);
        }

        return registry.Build();
    }

    /// <summary>Every registered command as declared (for references such as <see cref="CommandReference"/>).</summary>
    public IEnumerable<CommandDefinition> Definitions => _commands.Where(c => !c.IsUndo).Select(c => c.Definition).Distinct();

    public ViewDefinition View(string id) =>
        Views.TryGetValue(id, out var view) ? view : throw new InvalidOperationException($"Unknown view {id}.");

    internal CompiledCommand[] CommandsFor(string viewId, ComwareDialect dialect) => CommandsFor(viewId, dialect, AnyLevel);

    /// <summary>
    /// The commands of a view and dialect up to <paramref name="maxLevel"/> (<see cref="AnyLevel"/>: all), made once:
    /// every command line a session runs looks its view up here.
    /// </summary>
    internal CompiledCommand[] CommandsFor(string viewId, ComwareDialect dialect, int maxLevel)
    {
        lock (_cacheLock)
        {
            if (!_byView.TryGetValue((viewId, dialect, maxLevel), out var list))
            {
                var flag = dialect == ComwareDialect.V5 ? Dialects.V5 : Dialects.V7;
                list = [.. _commands.Where(c => (c.Definition.Dialects & flag) != 0 && c.Level <= maxLevel && c.Definition.Views.Any(v => Applies(v, viewId)))];
                _byView[(viewId, dialect, maxLevel)] = list;
            }

            return list;
        }
    }

    /// <summary>
    /// Parses <paramref name="line"/> against the commands of a view (<see cref="CommandsFor(string, ComwareDialect, int)"/>).
    /// The outcome depends only on the line, this frozen set, the view, the level and the dialect (parameter types
    /// see nothing else), so it is remembered: scripts and automation tools send the same lines again and again.
    /// </summary>
    internal ParseResult Parse(string viewId, ComwareDialect dialect, int maxLevel, string line) =>
        _parses.GetOrParse(this, new ParseKey(viewId, dialect, maxLevel, line));

    /// <summary>How many parse results are remembered now (tests).</summary>
    internal int RememberedParses => _parses.Count;

    private static bool Applies(string scope, string viewId) => scope switch
    {
        ViewIds.Any => true,
        ViewIds.AnyConfig => viewId != ViewIds.User,
        ViewIds.AnySubView => viewId is not (ViewIds.User or ViewIds.System),
        _ => scope == viewId,
    };
}
