using System.Globalization;
using System.Net;

namespace Emulator.Comware.Model.Values;

/// <summary>
/// An IPv4 address as Comware reads it: a strict dotted quad (four decimal parts of 1-3 digits, each 0-255; no hex,
/// octal or short forms). Kept as a host-order number so that matching and ranges are cheap.
/// </summary>
public readonly record struct Ipv4Address(uint Value) : IComparable<Ipv4Address>
{
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        var parts = 0;
        var part = 0;
        var digits = 0;
        foreach (var c in text)
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

        address = new Ipv4Address(value << 8 | (uint)part);
        return true;
    }

    public static Ipv4Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv4 address.");

    /// <summary>Class D/E, loopback, 0.x and limited broadcast cannot be interface addresses.</summary>
    public bool IsUsableUnicast => (Value >> 24) is not (0 or 127) && (Value >> 24) < 224;

    public IPAddress ToIPAddress() => new([(byte)(Value >> 24), (byte)(Value >> 16), (byte)(Value >> 8), (byte)Value]);

    public int CompareTo(Ipv4Address other) => Value.CompareTo(other.Value);

    public override string ToString() => Ipv4.Format(Value);

    public static bool operator <(Ipv4Address left, Ipv4Address right) => left.Value < right.Value;

    public static bool operator <=(Ipv4Address left, Ipv4Address right) => left.Value <= right.Value;

    public static bool operator >(Ipv4Address left, Ipv4Address right) => left.Value > right.Value;

    public static bool operator >=(Ipv4Address left, Ipv4Address right) => left.Value >= right.Value;
}

/// <summary>A subnet mask; Comware accepts it dotted (<c>255.255.255.0</c>) or as a length (<c>24</c>) wherever it asks for one.</summary>
public readonly record struct SubnetMask(int PrefixLength)
{
    public static bool TryParse(string text, out SubnetMask mask)
    {
        mask = default;
        if (text.Length is > 0 and <= 2 && text.All(char.IsAsciiDigit))
        {
            var length = int.Parse(text, CultureInfo.InvariantCulture);
            mask = new SubnetMask(length);
            return length <= 32;
        }

        if (!Ipv4Address.TryParse(text, out var bits) || Ipv4.LengthOf(bits.Value) is not (>= 0 and var prefix))
        {
            return false;
        }

        mask = new SubnetMask(prefix);
        return true;
    }

    public uint Bits => Ipv4.MaskOf(PrefixLength);

    public string Dotted => Ipv4.Format(Bits);

    public override string ToString() => Dotted;
}

/// <summary>An ACL wildcard: <c>0</c> or a dotted quad whose set bits mean "don't care".</summary>
public readonly record struct Wildcard(uint Bits)
{
    public static bool TryParse(string text, out Wildcard wildcard)
    {
        wildcard = default;
        if (text == "0")
        {
            return true;
        }

        if (!Ipv4Address.TryParse(text, out var bits))
        {
            return false;
        }

        wildcard = new Wildcard(bits.Value);
        return true;
    }

    public override string ToString() => Ipv4.Format(Bits);
}

/// <summary>IPv4 arithmetic over host-order <see cref="uint"/> values.</summary>
public static class Ipv4
{
    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    public static uint MaskOf(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);

    /// <summary>Length of a contiguous dotted mask; -1 when the mask has holes.</summary>
    public static int LengthOf(uint mask)
    {
        var length = global::System.Numerics.BitOperations.PopCount(mask);
        return MaskOf(length) == mask ? length : -1;
    }

    public static bool IsWildcardContiguous(uint wildcard) => LengthOf(~wildcard) >= 0;
}

/// <summary>An address with a prefix length, e.g. an interface address or a route destination.</summary>
public readonly record struct IpPrefix(uint Address, int Length)
{
    public IpPrefix(Ipv4Address address, SubnetMask mask)
        : this(address.Value, mask.PrefixLength)
    {
    }

    public uint Mask => Ipv4.MaskOf(Length);

    public uint Network => Address & Mask;

    public uint Broadcast => Network | ~Mask;

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Overlaps(IpPrefix other)
    {
        var shorter = Math.Min(Length, other.Length);
        var mask = Ipv4.MaskOf(shorter);
        return (Address & mask) == (other.Address & mask);
    }

    public IpPrefix AsNetwork() => new(Network, Length);

    public string AddressText => Ipv4.Format(Address);

    public string MaskText => Ipv4.Format(Mask);

    public override string ToString() => $"{Ipv4.Format(Address)}/{Length.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>An inclusive range of addresses, <c>START END</c> (NAT address groups); start never above end.</summary>
public readonly record struct Ipv4Range(uint Start, uint End) : IComparable<Ipv4Range>
{
    public bool Overlaps(Ipv4Range other) => Start <= other.End && other.Start <= End;

    public bool Contains(uint address) => address >= Start && address <= End;

    public int CompareTo(Ipv4Range other) => Start != other.Start ? Start.CompareTo(other.Start) : End.CompareTo(other.End);

    public static bool operator <(Ipv4Range left, Ipv4Range right) => left.CompareTo(right) < 0;

    public static bool operator <=(Ipv4Range left, Ipv4Range right) => left.CompareTo(right) <= 0;

    public static bool operator >(Ipv4Range left, Ipv4Range right) => left.CompareTo(right) > 0;

    public static bool operator >=(Ipv4Range left, Ipv4Range right) => left.CompareTo(right) >= 0;
}

/// <summary>Address plus wildcard as ACL rules store it (a set bit in the wildcard means "don't care").</summary>
public readonly record struct WildcardMatch(uint Address, uint Wildcard)
{
    public static WildcardMatch Any => new(0, uint.MaxValue);

    public bool IsAny => Wildcard == uint.MaxValue;

    public bool Matches(uint address) => ((address ^ Address) & ~Wildcard) == 0;
}
