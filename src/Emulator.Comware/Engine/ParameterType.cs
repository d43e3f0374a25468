using System.Globalization;
using System.Net;

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
/// Custom types (e.g. names that come from the device state) derive from this and are added to <see cref="ParameterTypes"/>.
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

public sealed class Ipv4Parameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        TryParseDotted(token, out var address) ? ParameterMatch.Of(address) : ParameterMatch.Bad;

    public override string Label(ComwareDialect dialect) => "X.X.X.X";

    internal static bool TryParseDotted(string token, out IPAddress address)
    {
        address = IPAddress.None;
        if (!TryParseDotted(token, out uint value))
        {
            return false;
        }

        address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return true;
    }

    /// <summary>Strict dotted quad: four decimal parts of 1-3 digits, each 0-255 (no hex, octal or short forms).</summary>
    internal static bool TryParseDotted(ReadOnlySpan<char> token, out uint value)
    {
        value = 0;
        var parts = 0;
        var part = 0;
        var digits = 0;
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255)
                {
                    return false;
                }
            }
            else if (c == '.' && digits > 0 && parts < 3)
            {
                value = value << 8 | (uint)part;
                parts++;
                part = 0;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        if (parts != 3 || digits == 0)
        {
            return false;
        }

        value = value << 8 | (uint)part;
        return true;
    }
}

/// <summary>A subnet mask, dotted (<c>255.255.255.0</c>) or as a length (<c>24</c>). The value is the prefix length.</summary>
public sealed class MaskParameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context)
    {
        if (token.Length <= 2 && token.All(char.IsAsciiDigit))
        {
            var length = int.Parse(token, CultureInfo.InvariantCulture);
            return length <= 32 ? ParameterMatch.Of(new SubnetMask(length)) : ParameterMatch.Bad;
        }

        if (!Ipv4Parameter.TryParseDotted(token.AsSpan(), out uint bits))
        {
            return ParameterMatch.Bad;
        }

        var prefix = System.Numerics.BitOperations.PopCount(bits);
        var contiguous = prefix == 0 ? bits == 0 : bits == uint.MaxValue << (32 - prefix);
        return contiguous ? ParameterMatch.Of(new SubnetMask(prefix)) : ParameterMatch.Bad;
    }

    public override string Label(ComwareDialect dialect) => "X.X.X.X";

    public override IEnumerable<HelpItem> Help(string help, ParameterContext context) =>
        [new(new IntegerParameter(0, 32).Label(context.Dialect), help), new("X.X.X.X", help)];
}

public readonly record struct SubnetMask(int PrefixLength)
{
    public string Dotted
    {
        get
        {
            var bits = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
            return $"{bits >> 24}.{(bits >> 16) & 255}.{(bits >> 8) & 255}.{bits & 255}";
        }
    }

    public override string ToString() => Dotted;
}

/// <summary>
/// Parameter types by the name used in syntax strings: <c>INTEGER&lt;a-b&gt;</c>, <c>STRING&lt;a-b&gt;</c>, <c>TEXT</c>,
/// <c>TEXT&lt;a-b&gt;</c>, <c>IPV4</c>, <c>MASK</c>, <c>INTERFACE</c>, plus any type registered with <see cref="Add"/>.
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
