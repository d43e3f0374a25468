using System.Globalization;

namespace Emulator.Comware.Model.Firewall;

/// <summary>IPv4 helpers over host-order <see cref="uint"/> values: the model keeps addresses as numbers so matching is cheap.</summary>
public static class Ipv4
{
    public static bool TryParse(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
        }

        return true;
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    public static uint MaskOf(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);

    /// <summary>Length of a contiguous dotted mask; -1 when the mask has holes.</summary>
    public static int LengthOf(uint mask)
    {
        var length = global::System.Numerics.BitOperations.PopCount(mask);
        return MaskOf(length) == mask ? length : -1;
    }

    /// <summary>Accepts <c>24</c> or <c>255.255.255.0</c>, as Comware does wherever a mask is asked for.</summary>
    public static bool TryParseMask(string text, out int length)
    {
        length = -1;
        if (text.Length <= 2 && text.All(char.IsAsciiDigit))
        {
            length = int.Parse(text, CultureInfo.InvariantCulture);
            return length <= 32;
        }

        if (!TryParse(text, out var mask))
        {
            return false;
        }

        length = LengthOf(mask);
        return length >= 0;
    }

    public static bool IsWildcardContiguous(uint wildcard) => LengthOf(~wildcard) >= 0;

    public static bool TryParseWildcard(string text, out uint wildcard)
    {
        if (text == "0")
        {
            wildcard = 0;
            return true;
        }

        return TryParse(text, out wildcard);
    }

    /// <summary>Class D/E, loopback, 0.x and limited broadcast cannot be interface addresses.</summary>
    public static bool IsUsableUnicast(uint address)
    {
        var first = address >> 24;
        return first is not (0 or 127) && first < 224;
    }
}

/// <summary>An address with a prefix length, e.g. an interface address or a route destination.</summary>
public readonly record struct IpPrefix(uint Address, int Length)
{
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

/// <summary>Address plus wildcard as ACL rules store it (a set bit in the wildcard means "don't care").</summary>
public readonly record struct WildcardMatch(uint Address, uint Wildcard)
{
    public static WildcardMatch Any => new(0, uint.MaxValue);

    public bool IsAny => Wildcard == uint.MaxValue;

    public bool Matches(uint address) => ((address ^ Address) & ~Wildcard) == 0;
}
