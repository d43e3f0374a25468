using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Engine;

/// <summary>
/// <c>INTERFACE</c>: an interface type and number, given as one token (<c>GE0/1</c>) or two (<c>GigabitEthernet 0/1</c>).
/// The value is an <see cref="InterfaceName"/> from the one table, <see cref="InterfaceNames"/>; whether it exists is for
/// the model to decide.
/// </summary>
public sealed class InterfaceParameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context)
    {
        if (InterfaceNames.TryParse(token, out var name))
        {
            return ParameterMatch.Of(name);
        }

        var split = token.AsSpan().IndexOfAnyInRange('0', '9');
        var word = split < 0 ? token : token[..split];
        return InterfaceNames.ResolveType(word) is null ? ParameterMatch.No : ParameterMatch.Bad;
    }

    /// <summary>First half of the two-token form: the type word alone.</summary>
    internal static ParameterMatch MatchTypeOnly(string token)
    {
        if (token.Length == 0 || char.IsAsciiDigit(token[^1]))
        {
            return ParameterMatch.No;
        }

        var type = InterfaceNames.ResolveType(token);
        return type is null ? ParameterMatch.No : ParameterMatch.Of(type);
    }

    internal static ParameterMatch MatchNumber(InterfaceType type, string token) =>
        InterfaceNames.IsValidNumber(token) ? ParameterMatch.Of(new InterfaceName(type, token)) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => "interface-type";

    public override IEnumerable<HelpItem> Help(string help, ParameterContext context) =>
        InterfaceNames.Types.Select(t => new HelpItem(t.FullName, $"{t.FullName} interface"));

    public override IEnumerable<string> Complete(string prefix, ParameterContext context) =>
        InterfaceNames.Types.Where(t => t.FullName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(t => t.FullName);

    public override bool IsKeywordLike => true;

    public override int Precedence => 0;
}
