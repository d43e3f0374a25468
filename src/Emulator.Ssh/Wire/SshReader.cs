using System.Buffers.Binary;
using System.Text;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Wire;

/// <summary>
/// Reads RFC 4251 section 5 data types from a payload without allocating (strings come back as spans).
/// Any read past the end is a protocol error that ends the connection.
/// </summary>
internal ref struct SshReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SshReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    public byte ReadByte()
    {
        Ensure(1);
        return _data[_position++];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32()
    {
        Ensure(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Ensure(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>A <c>string</c> as raw bytes.</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        if (length > (uint)Remaining)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "string length exceeds packet");
        }

        var value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    /// <summary>A <c>string</c> decoded as UTF-8 (allocates; for names and text, not for data).</summary>
    public string ReadUtf8String() => Encoding.UTF8.GetString(ReadString());

    /// <summary>A <c>string</c> of US-ASCII (allocates).</summary>
    public string ReadAsciiString() => Encoding.ASCII.GetString(ReadString());

    /// <summary>An <c>mpint</c> as its two's-complement big-endian bytes (may carry a leading zero).</summary>
    public ReadOnlySpan<byte> ReadMpint() => ReadString();

    /// <summary>A <c>name-list</c>; empty names are a protocol error.</summary>
    public string[] ReadNameList()
    {
        var raw = ReadString();
        if (raw.IsEmpty)
        {
            return [];
        }

        foreach (var b in raw)
        {
            if (b is < 0x21 or > 0x7e)
            {
                throw new SshDisconnectException(DisconnectReason.ProtocolError, "name-list holds a non-printable byte");
            }
        }

        var names = Encoding.ASCII.GetString(raw).Split(',');
        if (Array.Exists(names, n => n.Length == 0))
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "name-list holds an empty name");
        }

        return names;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Ensure(count);
        var value = _data.Slice(_position, count);
        _position += count;
        return value;
    }

    /// <summary>Everything left in the payload.</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var value = _data[_position..];
        _position = _data.Length;
        return value;
    }

    public readonly void EnsureAtEnd()
    {
        if (!IsAtEnd)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "trailing bytes in message");
        }
    }

    private readonly void Ensure(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "message truncated");
        }
    }
}
