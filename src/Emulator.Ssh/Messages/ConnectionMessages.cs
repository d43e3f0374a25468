using Emulator.Ssh.Connection;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>SSH_MSG_GLOBAL_REQUEST (RFC 4254 4): name and want-reply; request-specific fields are not read.</summary>
internal sealed record GlobalRequestMessage(string Name, bool WantReply)
{
    public static GlobalRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.GlobalRequest);
        return new GlobalRequestMessage(reader.ReadAsciiString(), reader.ReadBoolean());
    }
}

/// <summary>SSH_MSG_REQUEST_FAILURE (RFC 4254 4): no fields.</summary>
internal sealed record RequestFailureMessage : ISshMessage
{
    public static readonly RequestFailureMessage Instance = new();

    public byte Number => MessageNumbers.RequestFailure;

    public void WriteFields(SshWriter writer)
    {
    }
}

/// <summary>SSH_MSG_CHANNEL_OPEN (RFC 4254 5.1): the fields every channel type shares; type-specific ones are not read.</summary>
internal sealed record ChannelOpenMessage(string ChannelType, uint SenderChannel, uint InitialWindow, uint MaxPacket)
{
    public static ChannelOpenMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.ChannelOpen);
        return new ChannelOpenMessage(reader.ReadAsciiString(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
    }
}

/// <summary>SSH_MSG_CHANNEL_OPEN_CONFIRMATION (RFC 4254 5.1).</summary>
internal sealed record ChannelOpenConfirmationMessage(uint RecipientChannel, uint SenderChannel, uint InitialWindow, uint MaxPacket) : ISshMessage
{
    public byte Number => MessageNumbers.ChannelOpenConfirmation;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUInt32(SenderChannel);
        writer.WriteUInt32(InitialWindow);
        writer.WriteUInt32(MaxPacket);
    }
}

/// <summary>SSH_MSG_CHANNEL_OPEN_FAILURE (RFC 4254 5.1): reason code, description, empty language tag.</summary>
internal sealed record ChannelOpenFailureMessage(uint RecipientChannel, ChannelOpenFailure Reason, string Description) : ISshMessage
{
    public byte Number => MessageNumbers.ChannelOpenFailure;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUInt32((uint)Reason);
        writer.WriteString(Description);
        writer.WriteString(string.Empty);
    }
}

/// <summary>SSH_MSG_CHANNEL_WINDOW_ADJUST (RFC 4254 5.2).</summary>
internal sealed record ChannelWindowAdjustMessage(uint RecipientChannel, uint BytesToAdd) : ISshMessage
{
    public byte Number => MessageNumbers.ChannelWindowAdjust;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUInt32(BytesToAdd);
    }

    public static ChannelWindowAdjustMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.ChannelWindowAdjust);
        var message = new ChannelWindowAdjustMessage(reader.ReadUInt32(), reader.ReadUInt32());
        reader.EnsureAtEnd();
        return message;
    }
}

/// <summary>
/// The channel messages that carry only the recipient channel: EOF, CLOSE, SUCCESS and FAILURE (RFC 4254 5.3, 5.4).
/// </summary>
internal sealed record ChannelSignalMessage : ISshMessage
{
    private ChannelSignalMessage(byte number, uint recipientChannel)
    {
        Number = number;
        RecipientChannel = recipientChannel;
    }

    public byte Number { get; }

    public uint RecipientChannel { get; }

    public static ChannelSignalMessage Eof(uint recipient) => new(MessageNumbers.ChannelEof, recipient);

    public static ChannelSignalMessage Close(uint recipient) => new(MessageNumbers.ChannelClose, recipient);

    public static ChannelSignalMessage Success(uint recipient) => new(MessageNumbers.ChannelSuccess, recipient);

    public static ChannelSignalMessage Failure(uint recipient) => new(MessageNumbers.ChannelFailure, recipient);

    public void WriteFields(SshWriter writer) => writer.WriteUInt32(RecipientChannel);

    /// <summary>Checks that an EOF or CLOSE from the peer has nothing after its channel number.</summary>
    public static void EnsureNoTrailingBytes(ReadOnlySpan<byte> payload)
    {
        if (payload.Length != 5)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "trailing bytes in channel message");
        }
    }
}

/// <summary>
/// SSH_MSG_CHANNEL_REQUEST (RFC 4254 5.4): request type and want-reply; <see cref="Data"/> is the type-specific rest,
/// a slice of the payload (valid until the next read).
/// </summary>
internal readonly record struct ChannelRequestMessage(uint RecipientChannel, string RequestType, bool WantReply, ReadOnlyMemory<byte> Data)
{
    public static ChannelRequestMessage Parse(ReadOnlyMemory<byte> payload)
    {
        var reader = SshMessages.Open(payload.Span, MessageNumbers.ChannelRequest);
        var recipient = reader.ReadUInt32();
        var type = reader.ReadAsciiString();
        var wantReply = reader.ReadBoolean();
        return new ChannelRequestMessage(recipient, type, wantReply, payload[reader.Position..]);
    }
}

/// <summary>The "exit-status" channel request (RFC 4254 6.10), sent without want-reply.</summary>
internal sealed record ExitStatusMessage(uint RecipientChannel, int ExitStatus) : ISshMessage
{
    public byte Number => MessageNumbers.ChannelRequest;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32(RecipientChannel);
        writer.WriteString("exit-status");
        writer.WriteBoolean(false);
        writer.WriteUInt32(unchecked((uint)ExitStatus));
    }
}
