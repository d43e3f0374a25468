using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>Sends a channel's payloads; false once the channel is closed and nothing more may be sent.</summary>
internal interface IChannelSender
{
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>
/// Moves bytes the application wrote (stdout or stderr) into CHANNEL_DATA / CHANNEL_EXTENDED_DATA packets, never more
/// than the peer's window or maximum packet allows. One rented buffer per stream: no allocation per packet.
/// </summary>
internal static class ChannelOutput
{
    public const uint StandardError = 1;

    public static async Task PumpAsync(
        PipeReader source,
        IChannelSender sender,
        RemoteWindow window,
        uint recipientChannel,
        int maxData,
        uint? extendedDataType,
        CancellationToken cancellationToken)
    {
        var headerLength = extendedDataType is null ? 9 : 13;
        var packet = ArrayPool<byte>.Shared.Rent(headerLength + maxData);
        try
        {
            while (true)
            {
                var result = await source.ReadAsync(cancellationToken);
                var data = result.Buffer;
                while (!data.IsEmpty)
                {
                    var length = await window.AcquireAsync((int)Math.Min(data.Length, maxData), cancellationToken);
                    WriteHeader(packet, recipientChannel, extendedDataType, length);
                    data.Slice(0, length).CopyTo(packet.AsSpan(headerLength));
                    if (!await sender.SendAsync(packet.AsMemory(0, headerLength + length), cancellationToken))
                    {
                        return;
                    }

                    data = data.Slice(length);
                }

                source.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        finally
        {
            await source.CompleteAsync();
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    private static void WriteHeader(Span<byte> packet, uint recipientChannel, uint? extendedDataType, int length)
    {
        if (extendedDataType is { } type)
        {
            packet[0] = MessageNumbers.ChannelExtendedData;
            BinaryPrimitives.WriteUInt32BigEndian(packet[1..], recipientChannel);
            BinaryPrimitives.WriteUInt32BigEndian(packet[5..], type);
            BinaryPrimitives.WriteUInt32BigEndian(packet[9..], (uint)length);
        }
        else
        {
            packet[0] = MessageNumbers.ChannelData;
            BinaryPrimitives.WriteUInt32BigEndian(packet[1..], recipientChannel);
            BinaryPrimitives.WriteUInt32BigEndian(packet[5..], (uint)length);
        }
    }
}
