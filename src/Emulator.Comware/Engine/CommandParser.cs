using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Engine;

/// <summary>The outcome of parsing one line in one view. <see cref="ErrorOffset"/> is a column of the line (without the prompt).</summary>
internal sealed record ParseResult(ParseVerdict Verdict, int ErrorOffset, CompiledCommand? Command, CommandArguments Arguments, OutputFilter? Filter)
{
    public static ParseResult Error(ParseVerdict verdict, int offset) => new(verdict, offset, null, CommandArguments.Empty, null);
}

/// <summary>What <c>?</c> answers: a list of items, or a syntax error to print with a caret.</summary>
internal sealed record HelpResult(IReadOnlyList<HelpItem> Items, ParseVerdict Verdict, int ErrorOffset);

/// <summary>
/// Parsing, <c>?</c> help and Tab completion over one list of commands (a view's, filtered by privilege).
/// All three go through the same <see cref="Matcher"/>, so help and completion never disagree with execution.
/// </summary>
internal static class CommandParser
{
    /// <summary>V7 system-defined aliases (V7 manual Table 3). V5 has none.</summary>
    private static readonly Dictionary<string, string> V7Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["access-list"] = "acl",
        ["end"] = "return",
        ["erase"] = "delete",
        ["exit"] = "quit",
        ["hostname"] = "sysname",
        ["logging"] = "info-center",
        ["no"] = "undo",
        ["show"] = "display",
        ["write"] = "save",
    };

    public static ParseResult Parse(IReadOnlyList<CompiledCommand> commands, string line, ParameterContext context)
    {
        var tokens = Tokenize(commands, line, context);
        if (tokens.Count == 0)
        {
            return ParseResult.Error(ParseVerdict.Incomplete, 0);
        }

        var state = Matcher.Run(commands, line, tokens, tokens.Count, context);
        if (state.FailedToken >= 0)
        {
            return ParseResult.Error(state.Verdict, tokens[state.FailedToken].Start);
        }

        var winner = state.Accepting.OrderBy(p => p.Score).ThenBy(p => p.Command.Order).FirstOrDefault();
        if (winner is null)
        {
            return ParseResult.Error(ParseVerdict.Incomplete, IncompleteOffset(tokens, tokens.Count));
        }

        OutputFilter? filter = null;
        if (state.FilterToken >= 0)
        {
            var error = ParseFilter(line, tokens, state.FilterToken, context, out filter);
            if (error is not null)
            {
                return error;
            }
        }

        return new ParseResult(ParseVerdict.Ok, -1, winner.Command, new CommandArguments(winner.Bindings), filter);
    }

    public static HelpResult Help(IReadOnlyList<CompiledCommand> commands, string line, ParameterContext context)
    {
        var tokens = Tokenize(commands, line, context);
        var partial = line.Length > 0 && line[^1] is not (' ' or '\t') && tokens.Count > 0 ? tokens[^1].Text : null;
        var complete = partial is null ? tokens.Count : tokens.Count - 1;
        var state = Matcher.Run(commands, line, tokens, complete, context);
        if (state.FailedToken >= 0)
        {
            return new HelpResult([], state.Verdict, tokens[state.FailedToken].Start);
        }

        if (state.FilterToken >= 0)
        {
            return FilterHelp(tokens, state.FilterToken, complete, partial);
        }

        var items = new List<HelpItem>();
        var keywords = new List<HelpItem>();
        foreach (var path in state.Frontier.Where(p => !p.Command.Definition.Hidden))
        {
            var terminal = path.State.Terminal;
            if (terminal is null)
            {
                continue;
            }

            if (terminal.Keyword is { } word)
            {
                if (partial is null || word.StartsWith(partial, StringComparison.OrdinalIgnoreCase))
                {
                    keywords.Add(new HelpItem(word, terminal.Help));
                }

                continue;
            }

            var type = terminal.Parameter!.Type;
            switch (terminal.Part)
            {
                case TerminalPart.InterfaceType:
                    break;
                case TerminalPart.InterfaceNumber:
                    items.Add(new HelpItem(((InterfaceType)path.Bindings!.Value).FullName + " interface number", terminal.Help));
                    break;
                case TerminalPart.Whole when type.IsKeywordLike:
                    var names = partial is null ? null : type.Complete(partial, context).ToHashSet(StringComparer.Ordinal);
                    keywords.AddRange(type.Help(terminal.Help, context).Where(h => names is null || names.Contains(h.Label)));
                    break;
                default:
                    if (partial is null || type.Match(partial, context).Kind == ParameterMatchKind.Ok)
                    {
                        items.AddRange(type.Help(terminal.Help, context));
                    }

                    break;
            }
        }

        items.AddRange(keywords.OrderBy(k => k.Label, StringComparer.OrdinalIgnoreCase));
        if (partial is null)
        {
            var accepting = state.Accepting.Where(p => !p.Command.Definition.Hidden).ToList();
            if (accepting.Any(p => p.Command.AllowsOutputFilter))
            {
                items.Add(OutputFilter.PipeHelp);
            }

            if (accepting.Count > 0)
            {
                items.Add(new HelpItem("<cr>", ""));
            }
        }

        var distinct = items.DistinctBy(i => i.Label).ToList();
        return distinct.Count == 0
            ? new HelpResult([], ParseVerdict.Unrecognized, partial is null ? IncompleteOffset(tokens, tokens.Count) : tokens[^1].Start)
            : new HelpResult(distinct, ParseVerdict.Ok, -1);
    }

    /// <summary>Keywords the last (partial) word of the line can complete to, sorted.</summary>
    public static IReadOnlyList<string> Complete(IReadOnlyList<CompiledCommand> commands, string line, ParameterContext context)
    {
        var tokens = Tokenize(commands, line, context);
        if (tokens.Count == 0 || line[^1] is ' ' or '\t')
        {
            return [];
        }

        var partial = tokens[^1].Text;
        var state = Matcher.Run(commands, line, tokens, tokens.Count - 1, context);
        if (state.FailedToken >= 0)
        {
            return [];
        }

        if (state.FilterToken >= 0)
        {
            return tokens.Count - 1 == state.FilterToken + 1
                ? [.. OutputFilter.KeywordHelp.Select(h => h.Label).Where(w => w.StartsWith(partial, StringComparison.OrdinalIgnoreCase))]
                : [];
        }

        var words = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in state.Frontier.Where(p => !p.Command.Definition.Hidden))
        {
            var terminal = path.State.Terminal;
            if (terminal?.Keyword is { } word && word.StartsWith(partial, StringComparison.OrdinalIgnoreCase))
            {
                words.Add(word);
            }
            else if (terminal?.Parameter is { } parameter && terminal.Part == TerminalPart.Whole && parameter.Type.IsKeywordLike)
            {
                words.UnionWith(parameter.Type.Complete(partial, context));
            }
        }

        return [.. words];
    }

    /// <summary>
    /// Splits the line and applies a V7 alias to its first word, but only when that word (full or abbreviated) starts
    /// no command of the view: a system-defined alias never shadows a real keyword (the rule view's <c>logging enable</c>
    /// stays <c>logging</c>, while <c>logging</c> in system view becomes <c>info-center</c>).
    /// </summary>
    private static List<LineToken> Tokenize(IReadOnlyList<CompiledCommand> commands, string line, ParameterContext context)
    {
        var tokens = Tokenizer.Split(line);
        if (context.Dialect == ComwareDialect.V7 && tokens.Count > 0 && V7Aliases.TryGetValue(tokens[0].Text, out var target)
            && Matcher.Run(commands, line, tokens, 1, context) is { FailedToken: 0, Verdict: not ParseVerdict.Ambiguous })
        {
            tokens[0] = tokens[0] with { Text = target };
        }

        return tokens;
    }

    private static int IncompleteOffset(List<LineToken> tokens, int count) => count == 0 ? 0 : tokens[count - 1].End + 1;

    /// <summary>
    /// <c>| { begin | exclude | include } REGEX</c>. V5 takes one filter whose expression is the rest of the line;
    /// V7 chains several (<c>&amp;&lt;1-128&gt;</c>, all must pass): a <c>|</c> word followed by a filter keyword starts the next.
    /// </summary>
    private static ParseResult? ParseFilter(string line, List<LineToken> tokens, int pipe, ParameterContext context, out OutputFilter? filter)
    {
        filter = null;
        OutputFilter? last = null;
        while (true)
        {
            if (pipe + 1 >= tokens.Count)
            {
                return ParseResult.Error(ParseVerdict.Incomplete, IncompleteOffset(tokens, tokens.Count));
            }

            var keyword = tokens[pipe + 1];
            var kind = OutputFilter.ResolveKeyword(keyword.Text, out var ambiguous);
            if (kind is null)
            {
                return ParseResult.Error(ambiguous ? ParseVerdict.Ambiguous : ParseVerdict.Unrecognized, keyword.Start);
            }

            if (pipe + 2 >= tokens.Count)
            {
                return ParseResult.Error(ParseVerdict.Incomplete, IncompleteOffset(tokens, tokens.Count));
            }

            var next = context.Dialect == ComwareDialect.V7 ? NextFilter(tokens, pipe + 3) : -1;
            var patternStart = tokens[pipe + 2].Start;
            var patternEnd = next < 0 ? line.Length : tokens[next].Start;
            var regex = OutputFilter.TryCompile(line[patternStart..patternEnd].TrimEnd());
            if (regex is null)
            {
                return ParseResult.Error(ParseVerdict.WrongParameter, patternStart);
            }

            var stage = new OutputFilter(kind.Value, regex);
            if (last is null)
            {
                filter = stage;
            }
            else
            {
                last.Next = stage;
            }

            last = stage;
            if (next < 0)
            {
                return null;
            }

            pipe = next;
        }
    }

    private static int NextFilter(List<LineToken> tokens, int from)
    {
        for (var i = from; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text == "|" && OutputFilter.ResolveKeyword(tokens[i + 1].Text, out _) is not null)
            {
                return i;
            }
        }

        return -1;
    }

    private static HelpResult FilterHelp(List<LineToken> tokens, int pipe, int complete, string? partial)
    {
        var after = complete - pipe - 1;
        if (after == 0)
        {
            var items = OutputFilter.KeywordHelp.Where(h => partial is null || h.Label.StartsWith(partial, StringComparison.OrdinalIgnoreCase)).ToList();
            return items.Count > 0 ? new HelpResult(items, ParseVerdict.Ok, -1) : new HelpResult([], ParseVerdict.Unrecognized, tokens[^1].Start);
        }

        var keyword = OutputFilter.ResolveKeyword(tokens[pipe + 1].Text, out var ambiguous);
        if (keyword is null)
        {
            return new HelpResult([], ambiguous ? ParseVerdict.Ambiguous : ParseVerdict.Unrecognized, tokens[pipe + 1].Start);
        }

        return after == 1 && partial is null
            ? new HelpResult([new HelpItem("TEXT", "Regular expression")], ParseVerdict.Ok, -1)
            : new HelpResult([new HelpItem("TEXT", "Regular expression"), new HelpItem("<cr>", "")], ParseVerdict.Ok, -1);
    }
}
