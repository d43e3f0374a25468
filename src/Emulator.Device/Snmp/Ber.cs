using System.Buffers.Binary;

namespace Emulator.Device.Snmp;

/// <summary>A datagram that is not valid BER for SNMP: the agent drops it and counts it (snmpInASNParseErrs).</summary>
public sealed class BerException(string message) : Exception(message)
{
    public BerException()
        : this("malformed BER")
    {
    }

    public BerException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>
/// Strict BER reader for SNMP (X.690 §8, restricted as RFC 3417 §8 allows): single-byte tags only, definite lengths
/// only (at most 4 length bytes), contents never longer than what is left, primitive encodings for primitive types,
/// INTEGERs of 1..9 bytes, OIDs of at most 128 sub-identifiers below 2^32. Anything else throws <see cref="BerException"/>.
/// </summary>
public ref struct BerReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool IsEmpty => _position >= _data.Length;

    public readonly byte PeekTag() => IsEmpty ? throw new BerException("unexpected end of data") : _data[_position];

    /// <summary>Reads one TLV of the expected tag and returns its contents.</summary>
    public ReadOnlySpan<byte> Read(byte expectedTag)
    {
        var contents = ReadAny(out var tag);
        if (tag != expectedTag)
        {
            throw new BerException($"expected tag 0x{expectedTag:X2}, found 0x{tag:X2}");
        }

        return contents;
    }

    public ReadOnlySpan<byte> ReadAny(out byte tag)
    {
        if (_data.Length - _position < 2)
        {
            throw new BerException("truncated TLV");
        }

        tag = _data[_position++];
        if ((tag & 0x1F) == 0x1F)
        {
            throw new BerException("multi-byte tags are not used by SNMP");
        }

        int length = _data[_position++];
        if (length == 0x80)
        {
            throw new BerException("indefinite length is not allowed (RFC 3417 §8)");
        }

        if (length > 0x80)
        {
            var count = length & 0x7F;
            if (count > 4 || _data.Length - _position < count)
            {
                throw new BerException("length field too long");
            }

            long value = 0;
            for (var i = 0; i < count; i++)
            {
                value = (value << 8) | _data[_position++];
            }

            if (value > int.MaxValue)
            {
                throw new BerException("length too large");
            }

            length = (int)value;
        }

        if (length > _data.Length - _position)
        {
            throw new BerException("length runs past the end of the data");
        }

        var contents = _data.Slice(_position, length);
        _position += length;
        return contents;
    }

    public long ReadInteger() => DecodeInteger(Read(BerTag.SignedInteger));

    public byte[] ReadOctetString() => Read(BerTag.OctetString).ToArray();

    public void ReadNull()
    {
        if (Read(BerTag.Null).Length != 0)
        {
            throw new BerException("NULL with contents");
        }
    }

    public Oid ReadOid() => DecodeOid(Read(BerTag.ObjectIdentifier));

    public BerReader ReadSequence(byte tag = BerTag.Sequence) => new(Read(tag));

    /// <summary>Signed two's complement INTEGER of 1..8 bytes (unsigned 32-bit types are at most 5 bytes).</summary>
    public static long DecodeInteger(ReadOnlySpan<byte> contents)
    {
        if (contents.Length is 0 or > 8)
        {
            throw new BerException("INTEGER of bad length");
        }

        long value = (sbyte)contents[0];
        for (var i = 1; i < contents.Length; i++)
        {
            value = (value << 8) | contents[i];
        }

        return value;
    }

    /// <summary>Unsigned (Counter64): up to 9 bytes, the first being a leading zero.</summary>
    public static ulong DecodeUnsigned(ReadOnlySpan<byte> contents)
    {
        if (contents.Length == 0 || contents.Length > 9 || (contents.Length == 9 && contents[0] != 0))
        {
            throw new BerException("unsigned integer of bad length");
        }

        if ((contents[0] & 0x80) != 0)
        {
            throw new BerException("negative value for an unsigned type");
        }

        ulong value = 0;
        foreach (var b in contents)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    public static Oid DecodeOid(ReadOnlySpan<byte> contents)
    {
        if (contents.Length == 0)
        {
            throw new BerException("empty OID");
        }

        var parts = new List<uint>(16);
        ulong current = 0;
        var inPart = false;
        foreach (var b in contents)
        {
            if (!inPart && b == 0x80)
            {
                throw new BerException("OID sub-identifier with a leading 0x80 pad");
            }

            current = (current << 7) | (uint)(b & 0x7F);
            if (current > uint.MaxValue)
            {
                throw new BerException("OID sub-identifier above 2^32-1");
            }

            inPart = (b & 0x80) != 0;
            if (!inPart)
            {
                if (parts.Count == 0)
                {
                    // X.690 §8.19.4: the first sub-identifier packs the first two arcs.
                    var first = current < 40 ? 0u : current < 80 ? 1u : 2u;
                    parts.Add(first);
                    parts.Add((uint)(current - (first * 40)));
                }
                else
                {
                    parts.Add((uint)current);
                }

                if (parts.Count > Oid.MaxLength)
                {
                    throw new BerException("OID longer than 128 sub-identifiers");
                }

                current = 0;
            }
        }

        if (inPart)
        {
            throw new BerException("OID ends inside a sub-identifier");
        }

        return new Oid([.. parts]);
    }

    public SnmpValue ReadValue()
    {
        var contents = ReadAny(out var tag);
        return tag switch
        {
            BerTag.SignedInteger => SnmpValue.Of(DecodeInteger(contents)),
            BerTag.OctetString or BerTag.Opaque => new SnmpValue(tag, Bytes: contents.ToArray()),
            BerTag.Null or BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView =>
                contents.Length == 0 ? new SnmpValue(tag) : throw new BerException("NULL-like value with contents"),
            BerTag.ObjectIdentifier => SnmpValue.ObjectId(DecodeOid(contents)),
            BerTag.IpAddress => contents.Length == 4 ? SnmpValue.Ip(contents.ToArray()) : throw new BerException("IpAddress is not 4 bytes"),
            BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks => Unsigned32(tag, contents),
            BerTag.Counter64 => SnmpValue.Counter64(DecodeUnsigned(contents)),
            _ => throw new BerException($"unknown value tag 0x{tag:X2}"),
        };
    }

    private static SnmpValue Unsigned32(byte tag, ReadOnlySpan<byte> contents)
    {
        var value = DecodeUnsigned(contents);
        return value > uint.MaxValue ? throw new BerException("32-bit value out of range") : new SnmpValue(tag, (long)value);
    }
}

/// <summary>BER writer: definite minimal lengths, written back to front is avoided by nesting buffers (messages are small).</summary>
public sealed class BerWriter
{
    private readonly List<byte> _buffer = new(256);

    public int Length => _buffer.Count;

    public byte[] ToArray() => [.. _buffer];

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _buffer.Add(b);
        }
    }

    public void Write(byte tag, ReadOnlySpan<byte> contents)
    {
        _buffer.Add(tag);
        WriteLength(contents.Length);
        WriteRaw(contents);
    }

    public void WriteInteger(long value) => Write(BerTag.SignedInteger, EncodeInteger(value));

    public void WriteOctetString(ReadOnlySpan<byte> value) => Write(BerTag.OctetString, value);

    public void WriteNull() => Write(BerTag.Null, []);

    public void WriteOid(Oid oid) => Write(BerTag.ObjectIdentifier, EncodeOid(oid));

    /// <summary>Writes a constructed TLV whose contents another writer built.</summary>
    public void WriteConstructed(byte tag, Action<BerWriter> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var inner = new BerWriter();
        contents(inner);
        Write(tag, inner.ToArray());
    }

    public void WriteValue(SnmpValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Tag)
        {
            case BerTag.SignedInteger:
                WriteInteger(value.Number);
                break;
            case BerTag.OctetString or BerTag.Opaque or BerTag.IpAddress:
                Write(value.Tag, value.Bytes ?? []);
                break;
            case BerTag.ObjectIdentifier:
                WriteOid(value.Id!);
                break;
            case BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks:
                Write(value.Tag, EncodeUnsigned((ulong)value.Number));
                break;
            case BerTag.Counter64:
                Write(value.Tag, EncodeUnsigned(value.Unsigned64));
                break;
            default:
                Write(value.Tag, []);
                break;
        }
    }

    public static byte[] EncodeInteger(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        var start = 0;
        while (start < 7 && ((bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0) || (bytes[start] == 0xFF && (bytes[start + 1] & 0x80) != 0)))
        {
            start++;
        }

        return bytes[start..].ToArray();
    }

    public static byte[] EncodeUnsigned(ulong value)
    {
        Span<byte> bytes = stackalloc byte[9];
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], value);
        var start = 0;
        while (start < 8 && bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0)
        {
            start++;
        }

        return bytes[start..].ToArray();
    }

    public static byte[] EncodeOid(Oid oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        if (oid.Length < 2)
        {
            throw new ArgumentException("an OID has at least two arcs", nameof(oid));
        }

        var result = new List<byte>(oid.Length + 4);
        AppendBase128(result, ((ulong)oid[0] * 40) + oid[1]);
        for (var i = 2; i < oid.Length; i++)
        {
            AppendBase128(result, oid[i]);
        }

        return [.. result];
    }

    private static void AppendBase128(List<byte> output, ulong value)
    {
        Span<byte> tmp = stackalloc byte[10];
        var n = 0;
        do
        {
            tmp[n++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value != 0);

        for (var i = n - 1; i >= 0; i--)
        {
            output.Add((byte)(tmp[i] | (i > 0 ? 0x80 : 0)));
        }
    }

    private void WriteLength(int length)
    {
        if (length < 0x80)
        {
            _buffer.Add((byte)length);
            return;
        }

        var bytes = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : length <= 0xFFFFFF ? 3 : 4;
        _buffer.Add((byte)(0x80 | bytes));
        for (var i = bytes - 1; i >= 0; i--)
        {
            _buffer.Add((byte)(length >> (8 * i)));
        }
    }
}
