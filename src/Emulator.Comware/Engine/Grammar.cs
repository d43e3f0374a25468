namespace Emulator.Comware.Engine;

/// <summary>A node of a command's token grammar, parsed once from the manual-like syntax string.</summary>
internal abstract record SyntaxNode;

internal sealed record KeywordNode(string Word, int HelpIndex) : SyntaxNode;

internal sealed record ParameterNode(string Name, ParameterType Type, int HelpIndex) : SyntaxNode;

internal sealed record SequenceNode(IReadOnlyList<SyntaxNode> Items) : SyntaxNode;

/// <summary><c>{ a | b }</c>: exactly one alternative.</summary>
internal sealed record ChoiceNode(IReadOnlyList<SyntaxNode> Alternatives) : SyntaxNode;

/// <summary><c>[ a ]</c>.</summary>
internal sealed record OptionalNode(SyntaxNode Item) : SyntaxNode;

/// <summary><c>{ a | b }*</c> (1..n), <c>[ a | b ]*</c> (0..n), <c>x &amp;&lt;1-8&gt;</c> (1..8).</summary>
internal sealed record RepeatNode(SyntaxNode Item, int Min, int Max) : SyntaxNode;

/// <summary>
/// Parses the syntax strings of <see cref="CommandDefinition"/>, written as in H3C manuals:
/// <c>display interface [ interface:INTERFACE ] [ brief ]</c>. Bare words are keywords; <c>name:TYPE</c> is a typed
/// parameter (types come from <see cref="ParameterTypes"/>); <c>[ ]</c> optional, <c>{ a | b }</c> one of,
/// a trailing <c>*</c> on a group means "one or more (braces) / zero or more (brackets), any order",
/// and <c>&amp;&lt;1-n&gt;</c> repeats the previous item 1 to n times.
/// </summary>
internal static class GrammarParser
{
    public static SyntaxNode Parse(string syntax, ParameterTypes types, out int terminalCount)
    {
        var tokens = Lex(syntax);
        var position = 0;
        var help = 0;
        var node = ParseAlternatives(tokens, ref position, types, ref help, closing: null, syntax);
        if (position != tokens.Count)
        {
            throw new GrammarException(syntax, $"unexpected '{tokens[position]}'");
        }

        terminalCount = help;
        return node;
    }

    private static SyntaxNode ParseAlternatives(List<string> tokens, ref int position, ParameterTypes types, ref int help, string? closing, string syntax)
    {
        var alternatives = new List<SyntaxNode>();
        var items = new List<SyntaxNode>();
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token == closing)
            {
                break;
            }

            position++;
            switch (token)
            {
                case "|":
                    if (closing is null || items.Count == 0)
                    {
                        throw new GrammarException(syntax, "'|' outside a group or with an empty alternative");
                    }

                    alternatives.Add(Sequence(items));
                    items = [];
                    break;
                case "[" or "{":
                    var close = token == "[" ? "]" : "}";
                    var inner = ParseAlternatives(tokens, ref position, types, ref help, close, syntax);
                    if (position >= tokens.Count || tokens[position] != close)
                    {
                        throw new GrammarException(syntax, $"missing '{close}'");
                    }

                    position++;
                    var repeated = position < tokens.Count && tokens[position] == "*";
                    if (repeated)
                    {
                        position++;
                    }

                    items.Add((token, repeated) switch
                    {
                        ("[", false) => new OptionalNode(inner),
                        ("[", true) => new RepeatNode(inner, 0, int.MaxValue),
                        (_, false) => inner,
                        _ => new RepeatNode(inner, 1, int.MaxValue),
                    });
                    break;
                case "]" or "}" or "*":
                    throw new GrammarException(syntax, $"unexpected '{token}'");
                default:
                    if (token.StartsWith("&<", StringComparison.Ordinal))
                    {
                        if (items.Count == 0)
                        {
                            throw new GrammarException(syntax, "'&<>' without an item to repeat");
                        }

                        var (min, max) = ParseRange(token[1..], syntax);
                        items[^1] = new RepeatNode(items[^1], min, max);
                        break;
                    }

                    items.Add(ParseTerminal(token, types, ref help, syntax));
                    break;
            }
        }

        if (closing is not null && items.Count == 0)
        {
            throw new GrammarException(syntax, "empty group");
        }

        alternatives.Add(Sequence(items));
        return alternatives.Count == 1 ? alternatives[0] : new ChoiceNode(alternatives);
    }

    private static SyntaxNode Sequence(List<SyntaxNode> items) => items.Count == 1 ? items[0] : new SequenceNode(items);

    private static SyntaxNode ParseTerminal(string token, ParameterTypes types, ref int help, string syntax)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (!IsKeyword(token))
            {
                throw new GrammarException(syntax, $"'{token}' is not a keyword");
            }

            return new KeywordNode(token, help++);
        }

        var name = token[..colon];
        var typeText = token[(colon + 1)..];
        if (name.Length == 0 || !types.TryCreate(typeText, out var type))
        {
            throw new GrammarException(syntax, $"unknown parameter type in '{token}'");
        }

        return new ParameterNode(name, type, help++);
    }

    private static bool IsKeyword(string token) =>
        token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    internal static (int Min, int Max) ParseRange(string text, string syntax)
    {
        // "<1-4094>"
        if (text.Length < 5 || text[0] != '<' || text[^1] != '>')
        {
            throw new GrammarException(syntax, $"bad range '{text}'");
        }

        var body = text[1..^1];
        var dash = body.IndexOf('-', 1);
        if (dash < 0 || !long.TryParse(body[..dash], out var min) || !long.TryParse(body[(dash + 1)..], out var max) || min > max)
        {
            throw new GrammarException(syntax, $"bad range '{text}'");
        }

        return ((int)Math.Clamp(min, int.MinValue, int.MaxValue), (int)Math.Clamp(max, int.MinValue, int.MaxValue));
    }

    private static List<string> Lex(string syntax)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < syntax.Length)
        {
            var c = syntax[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '[' or ']' or '{' or '}' or '|' or '*')
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }

            var start = i;
            var depth = 0;
            while (i < syntax.Length)
            {
                c = syntax[i];
                if (c == '<')
                {
                    depth++;
                }
                else if (c == '>')
                {
                    depth--;
                }
                else if (depth == 0 && (char.IsWhiteSpace(c) || c is '[' or ']' or '{' or '}' or '|'))
                {
                    break;
                }

                i++;
            }

            tokens.Add(syntax[start..i]);
        }

        return tokens;
    }
}

public sealed class GrammarException(string syntax, string problem)
    : Exception($"Bad command syntax \"{syntax}\": {problem}.")
{
    public string Syntax { get; } = syntax;
}
