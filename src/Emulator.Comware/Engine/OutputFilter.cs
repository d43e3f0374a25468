using System.Text.RegularExpressions;

namespace Emulator.Comware.Engine;

public enum OutputFilterKind
{
    Begin,
    Include,
    Exclude,
}

/// <summary><c>| begin|include|exclude REGEX</c>: regular expressions are case-sensitive (V7 manual).</summary>
public sealed class OutputFilter(OutputFilterKind kind, Regex regex)
{
    private bool _begun;

    public OutputFilterKind Kind { get; } = kind;

    /// <summary>The next filter of a V7 chain; a line must pass all of them.</summary>
    public OutputFilter? Next { get; internal set; }

    public static IReadOnlyList<HelpItem> KeywordHelp { get; } =
    [
        new("begin", "Display the first line that matches the regular expression and all lines that follow"),
        new("exclude", "Display lines that do not match the regular expression"),
        new("include", "Display lines that match the regular expression"),
    ];

    public static HelpItem PipeHelp { get; } = new("|", "Matching output");

    /// <summary>Decides for one complete output line (this filter and the rest of the chain).</summary>
    public bool Accept(string line) => AcceptHere(line) && (Next is null || Next.Accept(line));

    private bool AcceptHere(string line)
    {
        switch (Kind)
        {
            case OutputFilterKind.Begin:
                _begun = _begun || regex.IsMatch(line);
                return _begun;
            case OutputFilterKind.Include:
                return regex.IsMatch(line);
            default:
                return !regex.IsMatch(line);
        }
    }

    internal static OutputFilterKind? ResolveKeyword(string word, out bool ambiguous)
    {
        var matches = KeywordHelp.Where(h => h.Label.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        ambiguous = matches.Count > 1;
        return matches.Count == 1 ? Enum.Parse<OutputFilterKind>(matches[0].Label, ignoreCase: true) : null;
    }

    internal static Regex? TryCompile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
