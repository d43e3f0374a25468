using System.Buffers.Binary;
using System.Text;

namespace Emulator.Bench.Client;

/// <summary>Reads RFC 4251 encodings from one received payload; any overrun is a protocol error of the peer.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public byte Byte()
    {
        Need(1);
        return _data[_position++];
    }

    public bool Bool() => Byte() != 0;

    public uint UInt32()
    {
        Need(4);
        uint value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> String()
    {
        int length = checked((int)UInt32());
        Need(length);
        var value = _data.Slice(_position, length);
        _position += length;
        return value;
    }

    public string Utf8() => Encoding.UTF8.GetString(String());

    private readonly void Need(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new SshClientException("truncated message from server");
        }
    }
}
