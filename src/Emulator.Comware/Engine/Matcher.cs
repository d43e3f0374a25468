using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Engine;

public enum ParseVerdict
{
    Ok,
    Unrecognized,
    Incomplete,
    Ambiguous,
    TooManyParameters,
    WrongParameter,
}

/// <summary>One way through one command's automaton after some tokens.</summary>
internal sealed record MatchPath(CompiledCommand Command, NfaState State, Binding? Bindings, int Score);

/// <summary>Where matching stopped: the live paths (for help/Tab), or an error verdict at a token.</summary>
internal sealed class MatchState
{
    public List<MatchPath> Frontier { get; } = [];

    /// <summary>Paths that took the rest of the line (TEXT) and are complete.</summary>
    public List<MatchPath> Finished { get; } = [];

    public ParseVerdict Verdict { get; set; } = ParseVerdict.Ok;

    /// <summary>Index of the token that failed.</summary>
    public int FailedToken { get; set; } = -1;

    /// <summary>Index of a <c>|</c> token that starts an output filter, or -1.</summary>
    public int FilterToken { get; set; } = -1;

    /// <summary>Start keywords left out because they cannot match the first word (they still count as "expected" for the verdict).</summary>
    public bool SkippedKeywords { get; set; }

    public IEnumerable<MatchPath> Accepting => Finished.Concat(Frontier.Where(p => p.State.Accept));
}

/// <summary>
/// The generic matcher: walks all commands of a view token by token (breadth first), so that ambiguity is judged
/// across commands as Comware does (<c>d</c> is ambiguous between <c>delete</c>, <c>dir</c> and <c>display</c>).
/// Precedence at one token: exact keyword, then a unique keyword prefix, then typed parameters.
/// </summary>
internal static class Matcher
{
    public static MatchState Run(IReadOnlyList<CompiledCommand> commands, string line, List<LineToken> tokens, int count, ParameterContext context)
    {
        var state = new MatchState();
        var first = count > 0 ? tokens[0].Text : null;
        foreach (var command in commands)
        {
            foreach (var start in command.Start.Closure)
            {
                // Commands whose first keyword cannot match the first word would be dropped by the first step anyway.
                if (first is null || start.Terminal?.Keyword is not { } word || word.StartsWith(first, StringComparison.OrdinalIgnoreCase))
                {
                    state.Frontier.Add(new MatchPath(command, start, null, 0));
                }
                else
                {
                    state.SkippedKeywords = true;
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            var token = tokens[i];
            if (token.Text == "|" && state.Frontier.Any(p => p.State.Accept && p.Command.AllowsOutputFilter))
            {
                state.FilterToken = i;
                state.Frontier.RemoveAll(p => !(p.State.Accept && p.Command.AllowsOutputFilter));
                state.Finished.Clear();
                return state;
            }

            if (!Step(state, line, token, context))
            {
                if (state.Finished.Count > 0)
                {
                    // A rest-of-line parameter already took this token and everything after it.
                    state.Verdict = ParseVerdict.Ok;
                    state.Frontier.Clear();
                    return state;
                }

                state.FailedToken = i;
                return state;
            }

            if (state.Frontier.Count == 0 && i + 1 < count)
            {
                // Only rest-of-line parameters remain: they took every later token.
                return state;
            }
        }

        return state;
    }

    private static bool Step(MatchState state, string line, LineToken token, ParameterContext context)
    {
        var exact = new List<MatchPath>();
        var prefix = new List<MatchPath>();
        var parameters = new List<MatchPath>();
        var rest = new List<MatchPath>();
        var prefixWords = new HashSet<string>(StringComparer.Ordinal);
        var expectKeyword = state.SkippedKeywords;
        var expectParameter = false;
        var expectAny = state.SkippedKeywords;
        state.SkippedKeywords = false;

        foreach (var path in state.Frontier)
        {
            var terminal = path.State.Terminal;
            if (terminal is null)
            {
                continue;
            }

            expectAny = true;
            if (terminal.Keyword is { } word)
            {
                expectKeyword = true;
                if (word.Equals(token.Text, StringComparison.OrdinalIgnoreCase))
                {
                    exact.Add(path with { Bindings = new Binding(word, new MatchedKeyword(word), path.Bindings) });
                }
                else if (word.StartsWith(token.Text, StringComparison.OrdinalIgnoreCase))
                {
                    prefix.Add(path with { Bindings = new Binding(word, new MatchedKeyword(word), path.Bindings) });
                    prefixWords.Add(word);
                }

                continue;
            }

            var parameter = terminal.Parameter!;
            if (parameter.Type.IsKeywordLike && terminal.Part != TerminalPart.InterfaceNumber)
            {
                expectKeyword = true;
            }
            else
            {
                expectParameter = true;
            }

            var text = parameter.Type.ConsumesRestOfLine ? line[token.Start..].TrimEnd() : token.Text;
            var match = terminal.Part switch
            {
                TerminalPart.InterfaceType => InterfaceParameter.MatchTypeOnly(token.Text),
                TerminalPart.InterfaceNumber => InterfaceParameter.MatchNumber((InterfaceType)path.Bindings!.Value, token.Text),
                _ => parameter.Type.Match(text, context),
            };
            if (match.Kind != ParameterMatchKind.Ok)
            {
                continue;
            }

            // The number part replaces the pending type binding with the whole name.
            var previous = terminal.Part == TerminalPart.InterfaceNumber ? path.Bindings!.Previous : path.Bindings;
            var next = path with
            {
                Bindings = new Binding(parameter.Name, match.Value!, previous),
                Score = path.Score + parameter.Type.Precedence,
            };
            (parameter.Type.ConsumesRestOfLine ? rest : parameters).Add(next);
        }

        List<MatchPath> chosen;
        if (exact.Count > 0)
        {
            chosen = exact;
        }
        else if (prefixWords.Count > 1)
        {
            state.Verdict = ParseVerdict.Ambiguous;
            return false;
        }
        else if (prefix.Count > 0)
        {
            chosen = prefix;
        }
        else if (parameters.Count > 0 || rest.Count > 0)
        {
            chosen = parameters;
            state.Finished.AddRange(rest.Select(p => p with { State = p.State.Next! }).Where(p => IsAccepting(p.State)));
        }
        else
        {
            state.Verdict = !expectAny ? ParseVerdict.TooManyParameters
                : expectParameter ? ParseVerdict.WrongParameter
                : expectKeyword ? ParseVerdict.Unrecognized
                : ParseVerdict.TooManyParameters;
            return false;
        }

        state.Frontier.Clear();
        foreach (var path in chosen)
        {
            AddClosure(state.Frontier, path.Command, path.State.Next!, path.Bindings, path.Score);
        }

        return true;
    }

    private static bool IsAccepting(NfaState start) => Array.Exists(start.Closure, s => s.Accept);

    private static void AddClosure(List<MatchPath> into, CompiledCommand command, NfaState start, Binding? bindings, int score)
    {
        foreach (var state in start.Closure)
        {
            into.Add(new MatchPath(command, state, bindings, score));
        }
    }
}
