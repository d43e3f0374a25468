using System.Globalization;

namespace Emulator.Device.Snmp;

/// <summary>An OBJECT IDENTIFIER (X.660): ordered lexicographically by sub-identifier as SNMP walks them (RFC 3416 §4.2.2).</summary>
public sealed class Oid : IComparable<Oid>, IEquatable<Oid>
{
    /// <summary>RFC 2578 §3.5: at most 128 sub-identifiers, each at most 2^32-1.</summary>
    public const int MaxLength = 128;

    private readonly uint[] _parts;

    public Oid(params uint[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length > MaxLength)
        {
            throw new ArgumentException($"an OID has at most {MaxLength} sub-identifiers", nameof(parts));
        }

        _parts = parts;
    }

    public ReadOnlySpan<uint> Parts => _parts;

    public int Length => _parts.Length;

    public uint this[int index] => _parts[index];

    public static Oid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.TrimStart('.').Split('.');
        return new Oid([.. parts.Select(p => uint.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture))]);
    }

    public Oid Append(params uint[] more) => new([.. _parts, .. more]);

    public bool StartsWith(Oid prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _parts.AsSpan().StartsWith(prefix._parts);
    }

    public int CompareTo(Oid? other)
    {
        if (other is null)
        {
            return 1;
        }

        return _parts.AsSpan().SequenceCompareTo(other._parts);
    }

    public bool Equals(Oid? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => obj is Oid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts)
        {
            hash.Add(part);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('.', _parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    public static bool operator <(Oid left, Oid right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator >(Oid left, Oid right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator <=(Oid left, Oid right) => !(left > right);

    public static bool operator >=(Oid left, Oid right) => !(left < right);

    public static bool operator ==(Oid? left, Oid? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Oid? left, Oid? right) => !(left == right);
}
