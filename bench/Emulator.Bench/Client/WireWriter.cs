using System.Buffers.Binary;
using System.Text;

namespace Emulator.Bench.Client;

/// <summary>A reusable, growable buffer for building one SSH message payload (RFC 4251 section 5 encodings).</summary>
internal sealed class WireWriter
{
    private byte[] _buffer;
    private int _length;

    public WireWriter(int capacity = 256) => _buffer = new byte[capacity];

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public WireWriter Reset()
    {
        _length = 0;
        return this;
    }

    public WireWriter Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
        return this;
    }

    public WireWriter Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public WireWriter UInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
        return this;
    }

    public WireWriter Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public WireWriter String(ReadOnlySpan<byte> bytes) => UInt32((uint)bytes.Length).Raw(bytes);

    public WireWriter String(string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        UInt32((uint)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>An unsigned big-endian magnitude as mpint: leading zeros stripped, a zero byte added when the top bit is set.</summary>
    public WireWriter Mpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        int start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var magnitude = unsignedBigEndian[start..];
        bool pad = magnitude.Length > 0 && (magnitude[0] & 0x80) != 0;
        UInt32((uint)(magnitude.Length + (pad ? 1 : 0)));
        if (pad)
        {
            Byte(0);
        }

        return Raw(magnitude);
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
