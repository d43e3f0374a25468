namespace Emulator.Comware.Engine;

internal enum TerminalPart
{
    Whole,

    /// <summary>The type word of a two-token interface reference (<c>GigabitEthernet</c> of <c>GigabitEthernet 0/1</c>).</summary>
    InterfaceType,

    /// <summary>The number after <see cref="InterfaceType"/>.</summary>
    InterfaceNumber,
}

/// <summary>Something that consumes one token: a keyword or (part of) a parameter, with its help text.</summary>
internal sealed record Terminal(string? Keyword, ParameterNode? Parameter, TerminalPart Part, string Help)
{
    public string Name => Keyword ?? Parameter!.Name;
}

/// <summary>A state of a command's matching automaton: consumes a terminal, branches (epsilon), or accepts.</summary>
internal sealed class NfaState
{
    public Terminal? Terminal { get; init; }

    public NfaState? Next { get; set; }

    public List<NfaState> Epsilon { get; } = [];

    public bool Accept { get; init; }

    private NfaState[]? _closure;

    /// <summary>
    /// The terminal and accept states reachable through epsilon moves, computed once: the automaton never changes
    /// after compilation, so concurrent first calls compute the same array and either may win.
    /// </summary>
    public NfaState[] Closure => _closure ??= ComputeClosure();

    private NfaState[] ComputeClosure()
    {
        var result = new List<NfaState>();
        var seen = new HashSet<NfaState>();
        var pending = new Stack<NfaState>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var state = pending.Pop();
            if (!seen.Add(state))
            {
                continue;
            }

            if (state.Terminal is not null || state.Accept)
            {
                result.Add(state);
            }

            for (var i = state.Epsilon.Count - 1; i >= 0; i--)
            {
                pending.Push(state.Epsilon[i]);
            }
        }

        return [.. result];
    }
}

/// <summary>Compiles a grammar tree into an automaton, backwards from the accept state (Thompson style).</summary>
internal static class NfaCompiler
{
    /// <summary>Bounded repeats are unrolled; beyond this the automaton uses a loop (which also allows repeats).</summary>
    private const int MaxUnroll = 16;

    public static NfaState Compile(SyntaxNode node, IReadOnlyList<string> help) =>
        Compile(node, new NfaState { Accept = true }, help);

    private static NfaState Compile(SyntaxNode node, NfaState next, IReadOnlyList<string> help)
    {
        switch (node)
        {
            case KeywordNode keyword:
                return new NfaState { Terminal = new Terminal(keyword.Word, null, TerminalPart.Whole, help[keyword.HelpIndex]), Next = next };
            case ParameterNode parameter:
                var whole = new NfaState { Terminal = new Terminal(null, parameter, TerminalPart.Whole, help[parameter.HelpIndex]), Next = next };
                if (parameter.Type is not InterfaceParameter)
                {
                    return whole;
                }

                var number = new NfaState { Terminal = new Terminal(null, parameter, TerminalPart.InterfaceNumber, help[parameter.HelpIndex]), Next = next };
                var type = new NfaState { Terminal = new Terminal(null, parameter, TerminalPart.InterfaceType, help[parameter.HelpIndex]), Next = number };
                return Branch(whole, type);
            case SequenceNode sequence:
                var state = next;
                for (var i = sequence.Items.Count - 1; i >= 0; i--)
                {
                    state = Compile(sequence.Items[i], state, help);
                }

                return state;
            case ChoiceNode choice:
                return Branch([.. choice.Alternatives.Select(a => Compile(a, next, help))]);
            case OptionalNode optional:
                return Branch(Compile(optional.Item, next, help), next);
            case RepeatNode repeat:
                return CompileRepeat(repeat, next, help);
            default:
                throw new InvalidOperationException($"Unknown syntax node {node.GetType().Name}.");
        }
    }

    private static NfaState CompileRepeat(RepeatNode repeat, NfaState next, IReadOnlyList<string> help)
    {
        NfaState tail;
        if (repeat.Max == int.MaxValue || repeat.Max - repeat.Min > MaxUnroll)
        {
            var loop = new NfaState();
            loop.Epsilon.Add(Compile(repeat.Item, loop, help));
            loop.Epsilon.Add(next);
            tail = loop;
        }
        else
        {
            tail = next;
            for (var i = 0; i < repeat.Max - repeat.Min; i++)
            {
                tail = Branch(Compile(repeat.Item, tail, help), next);
            }
        }

        for (var i = 0; i < repeat.Min; i++)
        {
            tail = Compile(repeat.Item, tail, help);
        }

        return tail;
    }

    private static NfaState Branch(params NfaState[] targets)
    {
        var state = new NfaState();
        state.Epsilon.AddRange(targets);
        return state;
    }
}

/// <summary>A registered command ready for matching (one per form: the plain form and the undo form are separate).</summary>
internal sealed record CompiledCommand(CommandDefinition Definition, NfaState Start, bool IsUndo, int Level, int Order)
{
    public CommandHandler Handler => IsUndo ? Definition.UndoHandler ?? Definition.Handler : Definition.Handler;

    public bool AllowsOutputFilter => Definition.AllowsOutputFilter ??
        Definition.Syntax.StartsWith("display ", StringComparison.Ordinal);

    public string Syntax => IsUndo ? "undo " + Definition.UndoSyntax : Definition.Syntax;
}
