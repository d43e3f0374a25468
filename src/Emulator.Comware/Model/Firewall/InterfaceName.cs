using System.Globalization;

namespace Emulator.Comware.Model.Firewall;

public enum InterfaceKind
{
    Ethernet,
    SubInterface,
    LoopBack,
    VlanInterface,
    Null,
    InLoopBack,
}

/// <summary>
/// Interface type names: the full name used in configuration and prompts, the short form used by brief displays,
/// and the acronyms the parser accepts (comware-cli.md §2.1, §6.7).
/// </summary>
public static class InterfaceName
{
    private sealed record TypeInfo(string Full, string Brief, InterfaceKind Kind, string[] Acronyms);

    // Order matters for prefix matching: the first type whose full name starts with the typed prefix wins,
    // mirroring the device, where "g" means GigabitEthernet and "v" means Vlan-interface on a SecPath.
    private static readonly TypeInfo[] s_types =
    [
        new("GigabitEthernet", "GE", InterfaceKind.Ethernet, ["GE", "GIG"]),
        new("Ten-GigabitEthernet", "XGE", InterfaceKind.Ethernet, ["XGE", "TEN"]),
        new("Vlan-interface", "Vlan", InterfaceKind.VlanInterface, ["VLAN", "VLAN-INT"]),
        new("LoopBack", "Loop", InterfaceKind.LoopBack, ["LOOP"]),
        new("NULL", "NULL", InterfaceKind.Null, []),
        new("InLoopBack", "InLoop", InterfaceKind.InLoopBack, ["INLOOP"]),
    ];

    /// <summary>Splits <c>gig0/1.10</c>, <c>GE0/1</c>, <c>LoopBack 1</c> into a canonical name; false when unknown.</summary>
    public static bool TryNormalize(string typed, out string canonical, out InterfaceKind kind)
    {
        canonical = "";
        kind = default;
        var text = typed.Replace(" ", "", StringComparison.Ordinal);
        var split = 0;
        while (split < text.Length && !char.IsAsciiDigit(text[split]))
        {
            split++;
        }

        if (split == 0 || split == text.Length)
        {
            return false;
        }

        var typeText = text[..split];
        var number = text[split..];
        var type = Resolve(typeText);
        if (type is null || !IsValidNumber(type.Kind, number, out var isSub))
        {
            return false;
        }

        canonical = type.Full + number;
        kind = isSub ? InterfaceKind.SubInterface : type.Kind;
        return true;
    }

    public static bool TryNormalize(string typeToken, string numberToken, out string canonical, out InterfaceKind kind) =>
        TryNormalize(typeToken + numberToken, out canonical, out kind);

    /// <summary><c>GigabitEthernet0/1.10</c> → <c>GE0/1.10</c>; <c>LoopBack0</c> → <c>Loop0</c>.</summary>
    public static string Brief(string canonical)
    {
        foreach (var type in s_types.OrderByDescending(t => t.Full.Length))
        {
            if (canonical.StartsWith(type.Full, StringComparison.Ordinal))
            {
                return type.Brief + canonical[type.Full.Length..];
            }
        }

        return canonical;
    }

    /// <summary>For a sub-interface name, the parent's name; otherwise null.</summary>
    public static string? ParentOf(string canonical)
    {
        var dot = canonical.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : canonical[..dot];
    }

    /// <summary>Sort key that orders interfaces as the device lists them (type, then numbers numerically).</summary>
    public static InterfaceSortKey SortKey(string canonical)
    {
        var typeIndex = Array.FindIndex(s_types, t => canonical.StartsWith(t.Full, StringComparison.Ordinal)
            && canonical.Length > t.Full.Length && char.IsAsciiDigit(canonical[t.Full.Length]));
        var split = canonical.AsSpan().IndexOfAnyInRange('0', '9');
        long[] numbers = [];
        if (split >= 0)
        {
            var digits = canonical.AsSpan(split);
            numbers = new long[digits.Count('/') + digits.Count('.') + 1];
            var i = 0;
            foreach (var range in digits.SplitAny("/."))
            {
                numbers[i++] = long.TryParse(digits[range], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            }
        }

        // Physical ethernet first, then sub-interfaces right after their parents (same type index), then logical.
        return new InterfaceSortKey(typeIndex < 0 ? 99 : typeIndex, numbers);
    }

    public static int Compare(string left, string right) => SortKey(left).CompareTo(SortKey(right));

    private static TypeInfo? Resolve(string typed)
    {
        var upper = typed.ToUpperInvariant();
        foreach (var type in s_types)
        {
            if (type.Acronyms.Contains(upper))
            {
                return type;
            }
        }

        return s_types.FirstOrDefault(t => t.Full.StartsWith(typed, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsValidNumber(InterfaceKind kind, string number, out bool isSub)
    {
        isSub = false;
        var main = number;
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            if (kind != InterfaceKind.Ethernet || !IsNumber(number[(dot + 1)..], 1, 4094))
            {
                return false;
            }

            isSub = true;
            main = number[..dot];
        }

        return kind switch
        {
            InterfaceKind.Ethernet => main.Split('/') is { Length: >= 2 and <= 3 } parts && parts.All(p => IsNumber(p, 0, 255)),
            InterfaceKind.VlanInterface => IsNumber(main, 1, 4094),
            InterfaceKind.LoopBack => IsNumber(main, 0, 1023),
            InterfaceKind.Null or InterfaceKind.InLoopBack => main == "0",
            _ => false,
        };
    }

    private static bool IsNumber(string text, int min, int max) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
        && int.Parse(text, CultureInfo.InvariantCulture) is var value && value >= min && value <= max;
}

/// <summary>Where an interface stands in the device's listings: its type's rank, then its numbers (0/1.10 → 0, 1, 10).</summary>
public readonly record struct InterfaceSortKey(int TypeRank, long[] Numbers) : IComparable<InterfaceSortKey>
{
    public int CompareTo(InterfaceSortKey other)
    {
        var byType = TypeRank.CompareTo(other.TypeRank);
        if (byType != 0)
        {
            return byType;
        }

        return Numbers.AsSpan().SequenceCompareTo(other.Numbers);
    }

    public static bool operator <(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(InterfaceSortKey left, InterfaceSortKey right) => left.CompareTo(right) >= 0;
}
