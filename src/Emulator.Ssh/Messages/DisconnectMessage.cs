using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>SSH_MSG_DISCONNECT (RFC 4253 11.1): reason code, description, language tag (always empty here).</summary>
internal sealed record DisconnectMessage(DisconnectReason Reason, string Description) : ISshMessage
{
    /// <summary>Longest description sent: texts built from peer input (lists, names) must fit any packet.</summary>
    public const int MaxDescriptionLength = 512;

    public byte Number => MessageNumbers.Disconnect;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32((uint)Reason);
        writer.WriteString(Description.Length > MaxDescriptionLength ? Description[..MaxDescriptionLength] + "..." : Description);
        writer.WriteString("");
    }

    /// <summary>A peer's DISCONNECT; an unknown code reads as ByApplication, a missing description as empty.</summary>
    public static DisconnectMessage Parse(ReadOnlySpan<byte> payload, out uint code)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.Disconnect);
        code = reader.ReadUInt32();
        var description = reader.Remaining >= 4 ? reader.ReadUtf8String() : "";
        var reason = Enum.IsDefined(typeof(DisconnectReason), (int)code) ? (DisconnectReason)code : DisconnectReason.ByApplication;
        return new DisconnectMessage(reason, description);
    }
}
