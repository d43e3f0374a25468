using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>Sends a channel's payloads; false once the channel is closed and nothing more may be sent.</summary>
internal interface IChannelSender
{
    /// <param name="flush">False: the packet may wait in the connection's buffer for the next flush, which the
    /// sender guarantees (the channel's closing messages).</param>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, bool flush, CancellationToken cancellationToken);
}

/// <summary>
/// Moves bytes the application wrote (stdout or stderr) into CHANNEL_DATA / CHANNEL_EXTENDED_DATA packets, never more
/// than the peer's window or maximum packet allows. A buffer is rented per burst of output: no allocation per packet, nothing held while idle.
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
        try
        {
            while (true)
            {
                var result = await source.ReadAsync(cancellationToken);
                var data = result.Buffer;
                // The last output, seen together with the application's end, may wait for the closing messages
                // (exit-status, EOF, CLOSE), which the channel sends and flushes right after: a command that answers at
                // once costs the client one TCP segment instead of two. The sender decides (see SessionChannel.SendAsync).
                if (!data.IsEmpty && !await SendAsync(data, sender, window, recipientChannel, headerLength, maxData, extendedDataType, flushLast: !result.IsCompleted, cancellationToken))
                {
                    return;
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
        }
    }

    /// <summary>
    /// Sends what was read; the packet buffer is rented only meanwhile, so ten thousand idle sessions hold none
    /// (each would otherwise keep two 64 KiB arrays for stdout and stderr).
    /// </summary>
    private static async ValueTask<bool> SendAsync(
        ReadOnlySequence<byte> data,
        IChannelSender sender,
        RemoteWindow window,
        uint recipientChannel,
        int headerLength,
        int maxData,
        uint? extendedDataType,
        bool flushLast,
        CancellationToken cancellationToken)
    {
        var packet = ArrayPool<byte>.Shared.Rent(headerLength + (int)Math.Min(data.Length, maxData));
        try
        {
            while (!data.IsEmpty)
            {
                var length = await window.AcquireAsync((int)Math.Min(Math.Min(data.Length, maxData), packet.Length - headerLength), cancellationToken);
                WriteHeader(packet, recipientChannel, extendedDataType, length);
                data.Slice(0, length).CopyTo(packet.AsSpan(headerLength));
                if (!await sender.SendAsync(packet.AsMemory(0, headerLength + length), flush: flushLast || length < data.Length, cancellationToken))
                {
                    return false;
                }

                data = data.Slice(length);
            }

            return true;
        }
        finally
        {
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
