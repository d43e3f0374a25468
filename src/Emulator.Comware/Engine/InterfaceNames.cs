namespace Emulator.Comware.Engine;

/// <summary>An interface type as Comware names it: full name and the acronym accepted on input and used in brief displays.</summary>
public sealed record InterfaceType(string FullName, string Acronym);

/// <summary>A resolved interface name: canonical type plus number, e.g. GigabitEthernet + 0/1.</summary>
public readonly record struct InterfaceName(InterfaceType Type, string Number)
{
    public string FullName => Type.FullName + Number;

    /// <summary>Short form as brief displays print it, e.g. <c>GE0/1</c>.</summary>
    public string ShortName => Type.Acronym + Number;

    public override string ToString() => FullName;
}

/// <summary>
/// Interface type names and their abbreviations (V7 manual Table 2; V5 accepts the same forms). Input may be the full
/// name, any prefix of it, or the acronym, in any case, with or without a space before the number.
/// </summary>
public static class InterfaceNames
{
    /// <summary>Known types; the order settles ambiguous prefixes (first wins), most common first.</summary>
    public static IReadOnlyList<InterfaceType> Types { get; } =
    [
        new("GigabitEthernet", "GE"),
        new("Ten-GigabitEthernet", "XGE"),
        new("LoopBack", "Loop"),
        new("Vlan-interface", "Vlan-int"),
        new("NULL", "NULL"),
        new("InLoopBack", "InLoop"),
        new("Tunnel", "Tun"),
        new("Route-Aggregation", "RAGG"),
        new("Bridge-Aggregation", "BAGG"),
        new("Ethernet", "Eth"),
        new("M-GigabitEthernet", "MGE"),
        new("FortyGigE", "FGE"),
        new("HundredGigE", "HGE"),
        new("Reth", "Reth"),
        new("Virtual-Template", "VT"),
        new("Aux", "Aux"),
    ];

    /// <summary>Resolves a type word (<c>gig</c>, <c>GE</c>, <c>vlan-int</c>) to a known type.</summary>
    public static InterfaceType? ResolveType(string word)
    {
        if (word.Length == 0)
        {
            return null;
        }

        foreach (var type in Types)
        {
            if (word.Equals(type.FullName, StringComparison.OrdinalIgnoreCase) || word.Equals(type.Acronym, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return Types.FirstOrDefault(t => t.FullName.StartsWith(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Checks the number part: <c>0</c>, <c>0/1</c>, <c>1/0/1</c>, <c>0/1.100</c>, <c>1/0/1:2</c>.</summary>
    public static bool IsValidNumber(string number)
    {
        if (number.Length == 0 || number.Length > 24)
        {
            return false;
        }

        var expectDigit = true;
        var seenDot = false;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                expectDigit = false;
                continue;
            }

            if (expectDigit || c is not ('/' or '.' or ':') || (seenDot && c == '/'))
            {
                return false;
            }

            seenDot |= c == '.';
            expectDigit = true;
        }

        return !expectDigit;
    }

    /// <summary>Parses a full interface reference in one token (<c>GE0/1</c>, <c>Vlan-interface10</c>).</summary>
    public static bool TryParse(string text, out InterfaceName name)
    {
        name = default;
        var split = text.AsSpan().IndexOfAnyInRange('0', '9');
        if (split <= 0)
        {
            return false;
        }

        var type = ResolveType(text[..split].TrimEnd());
        if (type is null || !IsValidNumber(text[split..]))
        {
            return false;
        }

        name = new InterfaceName(type, text[split..]);
        return true;
    }

    /// <summary>Parses a reference that may have a space between type and number.</summary>
    public static bool TryParse(string type, string number, out InterfaceName name)
    {
        name = default;
        var resolved = ResolveType(type);
        if (resolved is null || !IsValidNumber(number))
        {
            return false;
        }

        name = new InterfaceName(resolved, number);
        return true;
    }
}

/// <summary>
/// <c>INTERFACE</c>: an interface type and number, given as one token (<c>GE0/1</c>) or two (<c>GigabitEthernet 0/1</c>).
/// The value is an <see cref="InterfaceName"/>; whether it exists is for the handler to decide.
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
