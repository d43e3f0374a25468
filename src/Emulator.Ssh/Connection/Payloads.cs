using System.Buffers;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>Builders for the small control messages of the upper layers. Channel data has its own allocation-free path.</summary>
internal static class Payloads
{
    public static byte[] Single(byte number) => [number];

    public static byte[] WithUInt32(byte number, uint value)
    {
        var buffer = new ArrayBufferWriter<byte>(5);
        var writer = new SshWriter(buffer);
        writer.WriteByte(number);
        writer.WriteUInt32(value);
        return buffer.WrittenSpan.ToArray();
    }
}
