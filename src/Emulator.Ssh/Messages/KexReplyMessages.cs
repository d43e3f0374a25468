using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>
/// The finite-field DH reply: SSH_MSG_KEXDH_REPLY (RFC 4253 8, number 31) or SSH_MSG_KEX_DH_GEX_REPLY (RFC 4419 3,
/// number 33): string K_S, mpint f, string signature of H.
/// </summary>
internal sealed record DhReplyMessage(byte Number, ReadOnlyMemory<byte> HostKey, byte[] F, byte[] Signature) : ISshMessage
{
    public static DhReplyMessage FixedGroup(ReadOnlyMemory<byte> hostKey, byte[] f, byte[] signature) =>
        new(MessageNumbers.KexDhReply, hostKey, f, signature);

    public static DhReplyMessage GroupExchange(ReadOnlyMemory<byte> hostKey, byte[] f, byte[] signature) =>
        new(MessageNumbers.KexDhGexReply, hostKey, f, signature);

    public void WriteFields(SshWriter writer)
    {
        writer.WriteString(HostKey.Span);
        writer.WriteMpint(F);
        writer.WriteString(Signature);
    }
}

/// <summary>SSH_MSG_KEX_DH_GEX_GROUP (RFC 4419 3): mpint p, mpint g.</summary>
internal sealed record GexGroupMessage(byte[] P, byte[] G) : ISshMessage
{
    public byte Number => MessageNumbers.KexDhGexGroup;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteMpint(P);
        writer.WriteMpint(G);
    }
}

/// <summary>
/// SSH_MSG_KEX_ECDH_REPLY (RFC 5656 4, number 31), also the layout of curve25519 (RFC 8731) and the ML-KEM hybrid:
/// string K_S, string the server's public value, string signature of H.
/// </summary>
internal sealed record EcdhReplyMessage(ReadOnlyMemory<byte> HostKey, byte[] ServerPublic, byte[] Signature) : ISshMessage
{
    public byte Number => MessageNumbers.KexDhReply;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteString(HostKey.Span);
        writer.WriteString(ServerPublic);
        writer.WriteString(Signature);
    }
}
