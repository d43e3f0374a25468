using System.Buffers;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>
/// A message the server sends, as a value: its number and how its fields are written. Each message type also parses
/// itself where the server reads it, so a message's layout is written down once (RFC 4253/4252/4254 field order).
/// </summary>
internal interface ISshMessage
{
    byte Number { get; }

    /// <summary>Writes the fields after the message number.</summary>
    void WriteFields(SshWriter writer);
}

internal static class SshMessages
{
    /// <summary>The payload (number and fields) of a message, ready for the packet layer.</summary>
    public static ReadOnlyMemory<byte> ToPayload<TMessage>(this TMessage message)
        where TMessage : ISshMessage
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new SshWriter(buffer);
        writer.WriteByte(message.Number);
        message.WriteFields(writer);
        return buffer.WrittenMemory;
    }

    /// <summary>A reader positioned after the message number, which must be <paramref name="number"/>.</summary>
    public static SshReader Open(ReadOnlySpan<byte> payload, byte number)
    {
        var reader = new SshReader(payload);
        if (reader.ReadByte() != number)
        {
            throw new Transport.SshDisconnectException(Transport.DisconnectReason.ProtocolError, $"expected message {number}, got {payload[0]}");
        }

        return reader;
    }
}
