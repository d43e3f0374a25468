using System.Buffers;
using System.Security.Cryptography;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Kex;

/// <summary>
/// One key-exchange method, server side (RFC 4253 8 and its successors). It receives the client's
/// method-specific messages (numbers 30-49) through <see cref="KexContext"/>, sends the reply signed with
/// the host key, and returns the shared secret and exchange hash. New methods are one class and one <see cref="KexTable"/> entry.
/// </summary>
internal interface IKeyExchange
{
    ValueTask<KexResult> RunServerAsync(KexContext context, CancellationToken cancellationToken);
}

/// <summary><paramref name="SharedSecret"/> is K exactly as it enters the hash (mpint, or string for hybrid methods).</summary>
internal sealed record KexResult(byte[] SharedSecret, byte[] ExchangeHash, HashAlgorithmName Hash);

/// <summary>What a key exchange needs: the hash inputs fixed before it starts, the host key, and message I/O.</summary>
internal sealed class KexContext(
    string clientVersion,
    string serverVersion,
    byte[] clientKexInit,
    byte[] serverKexInit,
    SshHostKey hostKey,
    string signatureAlgorithm,
    Func<CancellationToken, ValueTask<ReadOnlyMemory<byte>>> read,
    Func<ReadOnlyMemory<byte>, bool, CancellationToken, ValueTask> write)
{
    public SshHostKey HostKey { get; } = hostKey;

    public string SignatureAlgorithm { get; } = signatureAlgorithm;

    /// <summary>Smallest prime a group exchange may offer (server policy).</summary>
    public int MinimumGroupBits { get; init; } = DhGroupExchangeKex.MinimumBits;

    /// <summary>Next kex-method message from the client (generic transport messages are handled below).</summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken) => read(cancellationToken);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => write(payload, false, cancellationToken);

    /// <summary>Writes the method's last message (the reply with the signature); it leaves together with NEWKEYS.</summary>
    public ValueTask WriteFinalAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => write(payload, true, cancellationToken);

    /// <summary>Reads the next message and checks its number; the reader is positioned after the number.</summary>
    public async ValueTask<byte[]> ExpectAsync(byte number, string name, CancellationToken cancellationToken)
    {
        var payload = await ReadAsync(cancellationToken);
        if (payload.Span[0] != number)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, $"expected {name} ({number}), got message {payload.Span[0]}");
        }

        return payload.ToArray();
    }

    /// <summary>Starts the exchange hash input: string V_C, V_S, I_C, I_S, K_S (RFC 4253 8).</summary>
    public ArrayBufferWriter<byte> BeginExchangeHash()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var writer = new SshWriter(buffer);
        writer.WriteString(clientVersion);
        writer.WriteString(serverVersion);
        writer.WriteString(clientKexInit);
        writer.WriteString(serverKexInit);
        writer.WriteString(HostKey.PublicKeyBlob.Span);
        return buffer;
    }

    /// <summary>Finishes H = HASH(input || K), signs it and returns the result with the signature blob.</summary>
    public (KexResult Result, byte[] Signature) Complete(ArrayBufferWriter<byte> hashInput, byte[] sharedSecret, HashAlgorithmName hash)
    {
        hashInput.Write(sharedSecret);
        var h = Hash(hash, hashInput.WrittenSpan);
        return (new KexResult(sharedSecret, h, hash), HostKey.Sign(SignatureAlgorithm, h));
    }

    public static byte[] Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data) => CryptographicOperations.HashData(hash, data);

    /// <summary>K encoded as an mpint (classic DH and ECDH methods).</summary>
    public static byte[] EncodeMpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var buffer = new ArrayBufferWriter<byte>(unsignedBigEndian.Length + 8);
        new SshWriter(buffer).WriteMpint(unsignedBigEndian);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>K encoded as a string (hybrid post-quantum methods).</summary>
    public static byte[] EncodeString(ReadOnlySpan<byte> value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 4);
        new SshWriter(buffer).WriteString(value);
        return buffer.WrittenSpan.ToArray();
    }
}
