using System.Security.Cryptography;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace Emulator.Ssh.Kex;

/// <summary>
/// mlkem768x25519-sha256 (draft-ietf-sshm-mlkem-hybrid-kex, OpenSSH 9.9+): the client sends C_INIT = ML-KEM-768
/// public key (1184 bytes) || X25519 public key; the server encapsulates and replies S_REPLY = ciphertext (1088)
/// || X25519 public key; K = SHA-256(K_PQ || K_CL), hashed as a <c>string</c> (not an mpint).
/// </summary>
internal sealed class MlKemHybridKex : IKeyExchange
{
    public const int PublicKeyLength = 1184;
    public const int CiphertextLength = 1088;

    public async ValueTask<KexResult> RunServerAsync(KexContext context, CancellationToken cancellationToken)
    {
        var init = await context.ExpectAsync(MessageNumbers.KexDhInit, "KEX_HYBRID_INIT", cancellationToken);
        var reader = new SshReader(init.AsSpan(1));
        var clientInit = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        if (clientInit.Length != PublicKeyLength + 32)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "mlkem768x25519 client value has the wrong length");
        }

        var (ciphertext, pqSecret) = Encapsulate(clientInit.AsSpan(0, PublicKeyLength));
        var (x25519Public, classicSecret) = Curve25519Kex.X25519Agree(clientInit.AsSpan(PublicKeyLength));
        var serverReply = new byte[CiphertextLength + 32];
        ciphertext.CopyTo(serverReply, 0);
        x25519Public.CopyTo(serverReply, CiphertextLength);

        var combined = new byte[64];
        pqSecret.CopyTo(combined, 0);
        classicSecret.CopyTo(combined, 32);
        var k = SHA256.HashData(combined);
        CryptographicOperations.ZeroMemory(combined);
        CryptographicOperations.ZeroMemory(pqSecret);
        CryptographicOperations.ZeroMemory(classicSecret);

        var hashInput = context.BeginExchangeHash();
        var writer = new SshWriter(hashInput);
        writer.WriteString(clientInit);
        writer.WriteString(serverReply);
        var (result, signature) = context.Complete(hashInput, KexContext.EncodeString(k), HashAlgorithmName.SHA256);
        await context.WriteFinalAsync(new EcdhReplyMessage(context.HostKey.PublicKeyBlob, serverReply, signature).ToPayload(), cancellationToken);
        return result;
    }

    private static (byte[] Ciphertext, byte[] Secret) Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        MLKemPublicKeyParameters key;
        try
        {
            // FromEncoding runs the FIPS 203 modulus check on the encapsulation key.
            key = MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, publicKey.ToArray());
        }
        catch (ArgumentException e)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "invalid ML-KEM-768 public key", e);
        }

        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(key);
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var secret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, 0, ciphertext.Length, secret, 0, secret.Length);
        return (ciphertext, secret);
    }
}
