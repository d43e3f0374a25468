using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Engine;

/// <summary>What a parameter type needs to know to match or describe a value.</summary>
public sealed record ParameterContext(ComwareDialect Dialect);

public enum ParameterMatchKind
{
    /// <summary>The token is not of this kind at all (for keyword-like types: counts as an unrecognized word).</summary>
    NoMatch,

    /// <summary>The token is of this kind but invalid (out of range, too long): "Wrong parameter".</summary>
    Wrong,

    Ok,
}

public readonly record struct ParameterMatch(ParameterMatchKind Kind, object? Value)
{
    public static ParameterMatch No => new(ParameterMatchKind.NoMatch, null);

    public static ParameterMatch Bad => new(ParameterMatchKind.Wrong, null);

    public static ParameterMatch Of(object value) => new(ParameterMatchKind.Ok, value);
}

/// <summary>One line of <c>?</c> help: the label column and its description.</summary>
public readonly record struct HelpItem(string Label, string Help);

/// <summary>
/// A typed parameter of the command grammar (<c>INTEGER&lt;1-4094&gt;</c>, <c>STRING&lt;1-63&gt;</c>, <c>IPV4</c>, ...).
/// Custom types derive from this and are added to <see cref="ParameterTypes"/>. <see cref="Match"/> must depend on the
/// token and the context only: a command set remembers how a line parsed (<see cref="ParseMemo"/>), so a check against
/// the device's state (a name that must exist) belongs in the handler.
/// </summary>
public abstract class ParameterType
{
    public abstract ParameterMatch Match(string token, ParameterContext context);

    /// <summary>The help label, e.g. <c>INTEGER&lt;1-4094&gt;</c> on V5 and <c>&lt;1-4094&gt;</c> on V7.</summary>
    public abstract string Label(ComwareDialect dialect);

    public virtual IEnumerable<HelpItem> Help(string help, ParameterContext context) => [new(Label(context.Dialect), help)];

    /// <summary>Words Tab may complete to from a prefix (keyword-like types only).</summary>
    public virtual IEnumerable<string> Complete(string prefix, ParameterContext context) => [];

    /// <summary>Failing to match reports "Unrecognized" like a keyword would, not "Wrong parameter".</summary>
    public virtual bool IsKeywordLike => false;

    /// <summary>Takes the rest of the line (spaces included) as its value.</summary>
    public virtual bool ConsumesRestOfLine => false;

    /// <summary>Ranks overlapping matches: lower wins (typed values before free strings).</summary>
    public virtual int Precedence => 1;
}

public sealed class IntegerParameter(long min, long max) : ParameterType
{
    public long Min { get; } = min;

    public long Max { get; } = max;

    public override ParameterMatch Match(string token, ParameterContext context)
    {
        if (token.Length == 0 || token.Length > 19 || !token.All(char.IsAsciiDigit))
        {
            return ParameterMatch.Bad;
        }

        var value = long.Parse(token, CultureInfo.InvariantCulture);
        return value < Min || value > Max ? ParameterMatch.Bad : ParameterMatch.Of(value);
    }

    public override string Label(ComwareDialect dialect) =>
        dialect == ComwareDialect.V5 ? $"INTEGER<{Min}-{Max}>" : $"<{Min}-{Max}>";
}

public sealed class StringParameter(int minLength, int maxLength) : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        token.Length < minLength || token.Length > maxLength || token.Contains('?', StringComparison.Ordinal)
            ? ParameterMatch.Bad
            : ParameterMatch.Of(token);

    public override string Label(ComwareDialect dialect) => $"STRING<{minLength}-{maxLength}>";

    public override int Precedence => 3;
}

/// <summary>The rest of the line, e.g. a description.</summary>
public sealed class TextParameter(int minLength, int maxLength) : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        token.Length < minLength || token.Length > maxLength ? ParameterMatch.Bad : ParameterMatch.Of(token);

    public override string Label(ComwareDialect dialect) => maxLength == int.MaxValue ? "TEXT" : $"TEXT<{minLength}-{maxLength}>";

    public override bool ConsumesRestOfLine => true;

    public override int Precedence => 4;
}

/// <summary><c>IPV4</c>: a dotted quad; the value is an <see cref="Ipv4Address"/>.</summary>
public sealed class Ipv4Parameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        Ipv4Address.TryParse(token, out var address) ? ParameterMatch.Of(address) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => "X.X.X.X";
}

/// <summary><c>MASK</c>: dotted (<c>255.255.255.0</c>) or a length (<c>24</c>); the value is a <see cref="SubnetMask"/>.</summary>
public sealed class MaskParameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        SubnetMask.TryParse(token, out var mask) ? ParameterMatch.Of(mask) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => "X.X.X.X";

    public override IEnumerable<HelpItem> Help(string help, ParameterContext context) =>
        [new(new IntegerParameter(0, 32).Label(context.Dialect), help), new("X.X.X.X", help)];
}

/// <summary><c>WILDCARD</c>: an ACL wildcard, <c>0</c> or dotted; the value is a <see cref="Values.Wildcard"/>.</summary>
public sealed class WildcardParameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        Wildcard.TryParse(token, out var wildcard) ? ParameterMatch.Of(wildcard) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => "X.X.X.X";

    public override IEnumerable<HelpItem> Help(string help, ParameterContext context) => [new("0", help), new("X.X.X.X", help)];
}

/// <summary>
/// <c>TCPPORT</c>, <c>UDPPORT</c>: a port number 0-65535 or one of the protocol's port names (<see cref="Ports"/>);
/// the value is the port number (<see cref="int"/>).
/// </summary>
public sealed class PortParameter(int protocol) : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        Ports.TryParsePort(protocol, token, out var port) ? ParameterMatch.Of(port) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => new IntegerParameter(0, 65535).Label(dialect);

    public override IEnumerable<HelpItem> Help(string help, ParameterContext context) =>
        [new(Label(context.Dialect), help), .. Ports.PortNames(protocol).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new HelpItem(p.Name, string.Create(CultureInfo.InvariantCulture, $"Port {p.Port}")))];
}

/// <summary>
/// Parameter types by the name used in syntax strings: <c>INTEGER&lt;a-b&gt;</c>, <c>STRING&lt;a-b&gt;</c>, <c>TEXT</c>,
/// <c>TEXT&lt;a-b&gt;</c>, <c>IPV4</c>, <c>MASK</c>, <c>WILDCARD</c>, <c>TCPPORT</c>, <c>UDPPORT</c>, <c>INTERFACE</c>, plus any type registered with <see cref="Add"/>.
/// </summary>
public sealed class ParameterTypes
{
    private readonly Dictionary<string, ParameterType> _custom = new(StringComparer.Ordinal);

    public void Add(string name, ParameterType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_custom.TryAdd(name, type))
        {
            throw new InvalidOperationException($"Parameter type {name} is already registered.");
        }
    }

    public bool TryCreate(string text, out ParameterType type)
    {
        var angle = text.IndexOf('<', StringComparison.Ordinal);
        var name = angle < 0 ? text : text[..angle];
        var range = angle < 0 ? null : text[angle..];
        ParameterType? created = (name, range) switch
        {
            ("INTEGER", not null) => Ranged(range, (a, b) => new IntegerParameter(a, b)),
            ("STRING", not null) => Ranged(range, (a, b) => new StringParameter(a, b)),
            ("TEXT", null) => new TextParameter(1, int.MaxValue),
            ("TEXT", not null) => Ranged(range, (a, b) => new TextParameter(a, b)),
            ("IPV4", null) => new Ipv4Parameter(),
            ("MASK", null) => new MaskParameter(),
            ("WILDCARD", null) => new WildcardParameter(),
            ("TCPPORT", null) => new PortParameter(Ports.Tcp),
            ("UDPPORT", null) => new PortParameter(Ports.Udp),
            ("INTERFACE", null) => new InterfaceParameter(),
            _ => _custom.GetValueOrDefault(text),
        };
        type = created!;
        return created is not null;
    }

    private static ParameterType Ranged(string range, Func<int, int, ParameterType> create)
    {
        var (min, max) = GrammarParser.ParseRange(range, range);
        return create(min, max);
    }
}
