using System.Buffers;
using System.Security.Cryptography;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Kex;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 7.1). <see cref="Payload"/> keeps the exact bytes, which enter the exchange hash.</summary>
internal sealed record KexInitMessage(
    IReadOnlyList<string> KeyExchange,
    IReadOnlyList<string> HostKey,
    IReadOnlyList<string> CiphersClientToServer,
    IReadOnlyList<string> CiphersServerToClient,
    IReadOnlyList<string> MacsClientToServer,
    IReadOnlyList<string> MacsServerToClient,
    IReadOnlyList<string> CompressionClientToServer,
    IReadOnlyList<string> CompressionServerToClient,
    bool FirstKexPacketFollows,
    byte[] Payload)
{
    public static KexInitMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        if (reader.ReadByte() != MessageNumbers.KexInit)
        {
            throw new Transport.SshDisconnectException(Transport.DisconnectReason.ProtocolError, "expected KEXINIT");
        }

        reader.ReadBytes(16);
        var kex = reader.ReadNameList();
        var hostKey = reader.ReadNameList();
        var cipherCs = reader.ReadNameList();
        var cipherSc = reader.ReadNameList();
        var macCs = reader.ReadNameList();
        var macSc = reader.ReadNameList();
        var compCs = reader.ReadNameList();
        var compSc = reader.ReadNameList();
        reader.ReadNameList();
        reader.ReadNameList();
        var follows = reader.ReadBoolean();
        reader.ReadUInt32();
        return new KexInitMessage(kex, hostKey, cipherCs, cipherSc, macCs, macSc, compCs, compSc, follows, payload.ToArray());
    }

    /// <summary>Builds a KEXINIT with a fresh random cookie and the same lists for both directions.</summary>
    public static KexInitMessage Create(IReadOnlyList<string> kex, IReadOnlyList<string> hostKey, IReadOnlyList<string> ciphers,
        IReadOnlyList<string> macs, IReadOnlyList<string> compression, bool firstKexPacketFollows = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var writer = new SshWriter(buffer);
        writer.WriteByte(MessageNumbers.KexInit);
        Span<byte> cookie = stackalloc byte[16];
        RandomNumberGenerator.Fill(cookie);
        writer.WriteBytes(cookie);
        writer.WriteNameList(kex);
        writer.WriteNameList(hostKey);
        writer.WriteNameList(ciphers);
        writer.WriteNameList(ciphers);
        writer.WriteNameList(macs);
        writer.WriteNameList(macs);
        writer.WriteNameList(compression);
        writer.WriteNameList(compression);
        writer.WriteNameList([]);
        writer.WriteNameList([]);
        writer.WriteBoolean(firstKexPacketFollows);
        writer.WriteUInt32(0);
        return new KexInitMessage(kex, hostKey, ciphers, ciphers, macs, macs, compression, compression, firstKexPacketFollows, buffer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The same lists with a fresh random cookie: a server's KEXINIT differs between connections only in its cookie
    /// (RFC 4253 7.1), so the name-lists are encoded once per option set (about 10 us of a handshake's CPU otherwise).
    /// </summary>
    public KexInitMessage WithFreshCookie()
    {
        var payload = (byte[])Payload.Clone();
        Crypto.BatchedRandom.Fill(payload.AsSpan(1, 16));
        return this with { Payload = payload };
    }
}
