using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Emulator.Ssh.Wire;

/// <summary>
/// Writes RFC 4251 section 5 data types into any <see cref="IBufferWriter{T}"/> (a pooled
/// <see cref="ArrayBufferWriter{T}"/> reused per connection, or a PipeWriter), so building a message allocates nothing.
/// </summary>
internal readonly ref struct SshWriter
{
    private readonly IBufferWriter<byte> _output;

    public SshWriter(IBufferWriter<byte> output) => _output = output;

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => _output.Write(value);

    /// <summary>A <c>string</c>: uint32 length then the bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        _output.Write(value);
    }

    /// <summary>A <c>string</c> holding UTF-8 text.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)length);
        var span = _output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(length);
    }

    /// <summary>A <c>name-list</c>.</summary>
    public void WriteNameList(IReadOnlyList<string> names) => WriteString(string.Join(',', names));

    /// <summary>An <c>mpint</c> from an unsigned big-endian magnitude: strips leading zeros, adds one when the top bit is set.</summary>
    public void WriteMpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var magnitude = unsignedBigEndian[start..];
        if (magnitude.IsEmpty)
        {
            WriteUInt32(0);
            return;
        }

        var pad = (magnitude[0] & 0x80) != 0;
        WriteUInt32((uint)(magnitude.Length + (pad ? 1 : 0)));
        if (pad)
        {
            WriteByte(0);
        }

        _output.Write(magnitude);
    }
}
