using System.Globalization;

namespace Emulator.Comware.Model.Values;

/// <summary>What the firewall model does with an interface type; <see cref="Other"/> types parse but cannot be created.</summary>
public enum InterfaceKind
{
    Ethernet,
    SubInterface,
    LoopBack,
    VlanInterface,
    Aggregation,
    Null,
    InLoopBack,
    Other,
}

/// <summary>
/// An interface type as Comware names it: the full name (configuration, prompts), the abbreviation accepted on input
/// (H3C Comware 7 Fundamentals Command Reference, "Using the CLI", Table 2 "Interface type abbreviations"), and the
/// short form brief displays and the routing table print (<c>Vlan10</c>, <c>GE0/1</c>, <c>Loop0</c>).
/// </summary>
public sealed record InterfaceType(string FullName, string Acronym, string Brief, InterfaceKind Kind);

/// <summary>
/// A parsed interface name: type plus number (<c>GigabitEthernet</c> + <c>0/1</c>). Parsed once, by the
/// <c>INTERFACE</c> parameter or <see cref="InterfaceNames.TryParse(string, out InterfaceName)"/>; nothing parses it again.
/// </summary>
public readonly record struct InterfaceName(InterfaceType Type, string Number)
{
    public string FullName => Type.FullName + Number;

    /// <summary>Short form as brief displays print it, e.g. <c>GE0/1</c>, <c>Vlan10</c>.</summary>
    public string BriefName => Type.Brief + Number;

    public bool IsSubInterface => Number.Contains('.', StringComparison.Ordinal);

    /// <summary>The model's kind: a dotted Ethernet number is a sub-interface.</summary>
    public InterfaceKind Kind => IsSubInterface ? InterfaceKind.SubInterface : Type.Kind;

    /// <summary>For a sub-interface, its parent port (<c>GE0/1.10</c> → <c>GE0/1</c>); otherwise null.</summary>
    public InterfaceName? Parent
    {
        get
        {
            var dot = Number.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? null : new InterfaceName(Type, Number[..dot]);
        }
    }

    /// <summary>
    /// Whether the number fits the type on a SecPath: slot/port for Ethernet (sub-interface VLAN 1-4094), 1-4094 for
    /// Vlan-interface, 1-1024 for Route-/Bridge-Aggregation, 0-1023 for LoopBack, 0 for NULL and InLoopBack. Other types never exist on the model.
    /// </summary>
    public bool IsValidOnFirewall
    {
        get
        {
            var main = Number;
            var dot = Number.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                if (Type.Kind != InterfaceKind.Ethernet || !IsNumber(Number[(dot + 1)..], 1, 4094))
                {
                    return false;
                }

                main = Number[..dot];
            }

            return Type.Kind switch
            {
                InterfaceKind.Ethernet => main.Split('/') is { Length: >= 2 and <= 3 } parts && parts.All(p => IsNumber(p, 0, 255)),
                InterfaceKind.VlanInterface => IsNumber(main, 1, 4094),
                InterfaceKind.Aggregation => IsNumber(main, 1, 1024),
                InterfaceKind.LoopBack => IsNumber(main, 0, 1023),
                InterfaceKind.Null or InterfaceKind.InLoopBack => main == "0",
                _ => false,
            };
        }
    }

    /// <summary>Where the interface stands in the device's listings: type rank, then its numbers (0/1.10 → 0, 1, 10).</summary>
    public InterfaceSortKey SortKey
    {
        get
        {
            var rank = InterfaceNames.RankOf(Type);
            var parts = Number.Split('/', '.', ':');
            var numbers = new long[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                numbers[i] = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            }

            return new InterfaceSortKey(rank, numbers);
        }
    }

    public override string ToString() => FullName;

    private static bool IsNumber(string text, int min, int max) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
        && int.Parse(text, CultureInfo.InvariantCulture) is var value && value >= min && value <= max;
}

/// <summary>
/// The one table of interface types. Input may be the full name, any prefix of it or the abbreviation, in any case,
/// with or without a space before the number; the first type in this order wins an ambiguous prefix, as on a SecPath
/// (<c>g</c> is GigabitEthernet, <c>v</c> is Vlan-interface, <c>l</c> is LoopBack).
/// </summary>
public static class InterfaceNames
{
    public static IReadOnlyList<InterfaceType> Types { get; } =
    [
        new("GigabitEthernet", "GE", "GE", InterfaceKind.Ethernet),
        new("Ten-GigabitEthernet", "XGE", "XGE", InterfaceKind.Ethernet),
        new("LoopBack", "Loop", "Loop", InterfaceKind.LoopBack),
        new("Vlan-interface", "Vlan-int", "Vlan", InterfaceKind.VlanInterface),
        new("NULL", "NULL", "NULL", InterfaceKind.Null),
        new("InLoopBack", "InLoop", "InLoop", InterfaceKind.InLoopBack),
        new("Tunnel", "Tun", "Tun", InterfaceKind.Other),
        new("Route-Aggregation", "RAGG", "RAGG", InterfaceKind.Aggregation),
        new("Bridge-Aggregation", "BAGG", "BAGG", InterfaceKind.Aggregation),
        new("Ethernet", "Eth", "Eth", InterfaceKind.Other),
        new("M-GigabitEthernet", "MGE", "MGE", InterfaceKind.Other),
        new("FortyGigE", "FGE", "FGE", InterfaceKind.Other),
        new("HundredGigE", "HGE", "HGE", InterfaceKind.Other),
        new("Reth", "Reth", "Reth", InterfaceKind.Other),
        new("Virtual-Template", "VT", "VT", InterfaceKind.Other),
        new("Aux", "Aux", "Aux", InterfaceKind.Other),
    ];

    /// <summary>Listing order of the firewall's interfaces: Ethernet types, then VLAN, loopback and system ones.</summary>
    private static readonly InterfaceKind[] s_rankByKind =
        [InterfaceKind.Aggregation, InterfaceKind.Ethernet, InterfaceKind.VlanInterface, InterfaceKind.LoopBack, InterfaceKind.Null, InterfaceKind.InLoopBack, InterfaceKind.Other];

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

    /// <summary>Parses a reference in one token or with spaces (<c>GE0/1</c>, <c>Vlan-interface10</c>, <c>LoopBack 1</c>).</summary>
    public static bool TryParse(string text, out InterfaceName name)
    {
        name = default;
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        var split = compact.AsSpan().IndexOfAnyInRange('0', '9');
        return split > 0 && TryParse(compact[..split], compact[split..], out name);
    }

    /// <summary>Parses a reference given as type word and number.</summary>
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

    /// <summary>Parses a name that must be valid; for names that come from the model itself or from a profile.</summary>
    public static InterfaceName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new FormatException($"'{text}' is not an interface name.");

    /// <summary><c>GigabitEthernet0/1.10</c> → <c>GE0/1.10</c>; text that is no interface name stays as it is.</summary>
    public static string Brief(string fullName) => TryParse(fullName, out var name) ? name.BriefName : fullName;

    /// <summary>Orders full names as the device lists them.</summary>
    public static int Compare(string left, string right) =>
        (TryParse(left, out var l), TryParse(right, out var r)) switch
        {
            (true, true) => l.SortKey.CompareTo(r.SortKey),
            _ => string.CompareOrdinal(left, right),
        };

    internal static int RankOf(InterfaceType type)
    {
        var index = Array.IndexOf(s_rankByKind, type.Kind);
        var typeIndex = Types.ToList().IndexOf(type);
        return index * 100 + typeIndex;
    }
}

/// <summary>Where an interface stands in the device's listings: its type's rank, then its numbers.</summary>
public readonly record struct InterfaceSortKey(int TypeRank, long[] Numbers) : IComparable<InterfaceSortKey>
{
    public int CompareTo(InterfaceSortKey other)
    {
        var byType = TypeRank.CompareTo(other.TypeRank);
        return byType != 0 ? byType : Numbers.AsSpan().SequenceCompareTo(other.Numbers);
    }

    public static bool operator <(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) >= 0;
}
