using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>
/// Refuses a connection before any key exchange, as cheaply as possible: our identification line and one
/// unencrypted SSH_MSG_DISCONNECT (RFC 4253 6: no MAC, block size 8), so clients can print the reason.
/// </summary>
internal static class EarlyDisconnect
{
    public static async Task SendAsync(IDuplexPipe pipe, string identification, DisconnectReason reason, string description, TimeProvider timeProvider)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), timeProvider);
        try
        {
            await pipe.Output.WriteAsync(Build(identification, reason, description), timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The peer is gone or does not read: closing is all that is left.
        }
        finally
        {
            await pipe.Output.CompleteAsync();
            await pipe.Input.CompleteAsync();
        }
    }

    public static byte[] Build(string identification, DisconnectReason reason, string description)
    {
        var text = Encoding.UTF8.GetBytes(description);
        var payloadLength = 1 + 4 + 4 + text.Length + 4;
        var padding = 8 - ((4 + 1 + payloadLength) % 8);
        if (padding < 4)
        {
            padding += 8;
        }

        var line = Encoding.ASCII.GetBytes(identification + "\r\n");
        var packet = new byte[line.Length + 4 + 1 + payloadLength + padding];
        line.CopyTo(packet, 0);
        var span = packet.AsSpan(line.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(1 + payloadLength + padding));
        span[4] = (byte)padding;
        span[5] = MessageNumbers.Disconnect;
        BinaryPrimitives.WriteUInt32BigEndian(span[6..], (uint)reason);
        BinaryPrimitives.WriteUInt32BigEndian(span[10..], (uint)text.Length);
        text.CopyTo(span[14..]);

        // Language tag: empty string; the padding bytes stay zero (random padding buys nothing without a cipher).
        return packet;
    }
}
