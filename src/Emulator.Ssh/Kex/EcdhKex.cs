using System.Security.Cryptography;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Kex;

/// <summary>
/// Elliptic-curve Diffie-Hellman methods sharing one message flow (RFC 5656 4, RFC 8731):
/// client KEX_ECDH_INIT (30) with Q_C, server KEX_ECDH_REPLY (31) with K_S, Q_S and the signature;
/// H = HASH(V_C || V_S || I_C || I_S || K_S || string Q_C || string Q_S || mpint K).
/// </summary>
internal abstract class EcdhKexBase : IKeyExchange
{
    protected abstract HashAlgorithmName Hash { get; }

    /// <summary>Makes the ephemeral key pair, checks the client's public value and returns (Q_S, shared secret bytes).</summary>
    protected abstract (byte[] ServerPublic, byte[] Secret) Agree(ReadOnlySpan<byte> clientPublic);

    public async ValueTask<KexResult> RunServerAsync(KexContext context, CancellationToken cancellationToken)
    {
        var init = await context.ExpectAsync(MessageNumbers.KexDhInit, "KEX_ECDH_INIT", cancellationToken);
        var reader = new SshReader(init.AsSpan(1));
        var clientPublic = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        var (serverPublic, secret) = Agree(clientPublic);
        var hashInput = context.BeginExchangeHash();
        var writer = new SshWriter(hashInput);
        writer.WriteString(clientPublic);
        writer.WriteString(serverPublic);
        var (result, signature) = context.Complete(hashInput, KexContext.EncodeMpint(secret), Hash);
        CryptographicOperations.ZeroMemory(secret);
        await context.WriteFinalAsync(new EcdhReplyMessage(context.HostKey.PublicKeyBlob, serverPublic, signature).ToPayload(), cancellationToken);
        return result;
    }
}

/// <summary>curve25519-sha256 and curve25519-sha256@libssh.org (RFC 8731); X25519 from <see cref="X25519Agreement"/>.</summary>
internal sealed class Curve25519Kex : EcdhKexBase
{
    protected override HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    protected override (byte[] ServerPublic, byte[] Secret) Agree(ReadOnlySpan<byte> clientPublic) => X25519Agree(clientPublic);

    /// <summary>Shared by the hybrid method: returns (server public, 32-byte raw shared secret).</summary>
    public static (byte[] ServerPublic, byte[] Secret) X25519Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != X25519Agreement.KeySize)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "X25519 public key must be 32 bytes");
        }

        var (serverPublic, secret) = X25519Agreement.Agree(clientPublic);
        // RFC 8731 3: an all-zero result means a low-order client point.
        return secret is null
            ? throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "X25519 shared secret is all zero")
            : (serverPublic, secret);
    }
}

/// <summary>ecdh-sha2-nistp256/384/521 (RFC 5656) with .NET ECDiffieHellman; client points must be uncompressed and on the curve.</summary>
internal sealed class NistEcdhKex(ECCurve curve, int fieldBytes, HashAlgorithmName hash) : EcdhKexBase
{
    protected override HashAlgorithmName Hash => hash;

    protected override (byte[] ServerPublic, byte[] Secret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != 1 + (2 * fieldBytes) || clientPublic[0] != 0x04)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "ECDH client key must be an uncompressed point of the curve's size");
        }

        ECDiffieHellman peer;
        try
        {
            peer = ECDiffieHellman.Create(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = clientPublic.Slice(1, fieldBytes).ToArray(), Y = clientPublic.Slice(1 + fieldBytes, fieldBytes).ToArray() },
            });
        }
        catch (CryptographicException e)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "ECDH client key is not a point on the curve", e);
        }

        using (peer)
        using (var ephemeral = ECDiffieHellman.Create(curve))
        {
            var q = ephemeral.ExportParameters(false).Q;
            var serverPublic = new byte[1 + (2 * fieldBytes)];
            serverPublic[0] = 0x04;
            Keys.KeyEncoding.FixedLength(q.X, fieldBytes).CopyTo(serverPublic, 1);
            Keys.KeyEncoding.FixedLength(q.Y, fieldBytes).CopyTo(serverPublic, 1 + fieldBytes);
            return (serverPublic, ephemeral.DeriveRawSecretAgreement(peer.PublicKey));
        }
    }
}
