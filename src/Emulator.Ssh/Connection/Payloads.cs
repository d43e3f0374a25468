using System.Buffers;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>
/// Capability of a packet connection: the sequence number of the packet last returned by
/// <see cref="IPacketConnection.ReadPacketAsync"/>, which SSH_MSG_UNIMPLEMENTED must quote (RFC 4253 11.4).
/// </summary>
internal interface IReceivedSequenceNumber
{
    uint LastReceivedSequenceNumber { get; }
}

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

    /// <summary>Answers the packet just read with SSH_MSG_UNIMPLEMENTED, in order with everything else sent.</summary>
    public static ValueTask SendUnimplementedAsync(IPacketConnection connection, CancellationToken cancellationToken)
    {
        // Without the capability there is no honest number to quote; the message is advisory, so skip it rather than lie.
        if (connection is not IReceivedSequenceNumber sequence)
        {
            return ValueTask.CompletedTask;
        }

        return connection.WritePacketAsync(WithUInt32(MessageNumbers.Unimplemented, sequence.LastReceivedSequenceNumber), cancellationToken);
    }
}
