using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Emulator.Bench.Client;

/// <summary>curve25519-sha256 (RFC 8731) with an ssh-ed25519 host key (RFC 8709): the client half.</summary>
internal sealed class KeyExchange
{
    private readonly byte[] _privateKey = new byte[X25519.ScalarSize];

    public KeyExchange()
    {
        RandomNumberGenerator.Fill(_privateKey);
        X25519.ScalarMultBase(_privateKey, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; } = new byte[X25519.PointSize];

    /// <summary>Computes K and H from the server's reply and checks the host key signature; returns (K as mpint bytes, H).</summary>
    public (byte[] SharedSecretMpint, byte[] ExchangeHash) Complete(
        string clientVersion, string serverVersion, ReadOnlySpan<byte> clientKexInit, ReadOnlySpan<byte> serverKexInit,
        ReadOnlySpan<byte> reply, bool verifyHostKey)
    {
        var reader = new WireReader(reply);
        if (reader.Byte() != Msg.KexEcdhReply)
        {
            throw new SshClientException("expected KEX_ECDH_REPLY");
        }

        var hostKeyBlob = reader.String();
        var serverPublic = reader.String();
        var signatureBlob = reader.String();
        if (serverPublic.Length != X25519.PointSize)
        {
            throw new SshClientException("server X25519 key is not 32 bytes");
        }

        var secret = new byte[X25519.PointSize];
        if (!X25519.CalculateAgreement(_privateKey, 0, serverPublic.ToArray(), 0, secret, 0))
        {
            throw new SshClientException("X25519 agreement produced zero");
        }

        var secretMpint = new WireWriter(40).Mpint(secret).Written.ToArray();
        var hashInput = new WireWriter(1024)
            .String(clientVersion).String(serverVersion)
            .String(clientKexInit).String(serverKexInit)
            .String(hostKeyBlob).String(PublicKey).String(serverPublic)
            .Raw(secretMpint);
        var exchangeHash = SHA256.HashData(hashInput.Written);

        if (verifyHostKey)
        {
            VerifyEd25519(hostKeyBlob, signatureBlob, exchangeHash);
        }

        return (secretMpint, exchangeHash);
    }

    private static void VerifyEd25519(ReadOnlySpan<byte> hostKeyBlob, ReadOnlySpan<byte> signatureBlob, byte[] exchangeHash)
    {
        var key = new WireReader(hostKeyBlob);
        if (key.Utf8() != "ssh-ed25519")
        {
            throw new SshClientException("host key is not ssh-ed25519");
        }

        var publicKey = key.String();
        var signature = new WireReader(signatureBlob);
        if (signature.Utf8() != "ssh-ed25519")
        {
            throw new SshClientException("host key signature is not ssh-ed25519");
        }

        var sig = signature.String();
        if (publicKey.Length != Ed25519.PublicKeySize || sig.Length != Ed25519.SignatureSize
            || !Ed25519.Verify(sig.ToArray(), 0, publicKey.ToArray(), 0, exchangeHash, 0, exchangeHash.Length))
        {
            throw new SshClientException("host key signature does not verify");
        }
    }

    /// <summary>RFC 4253 section 7.2: HASH(K || H || letter || session_id), extended if more is needed.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> secretMpint, ReadOnlySpan<byte> exchangeHash, char letter, ReadOnlySpan<byte> sessionId, int length)
    {
        var input = new WireWriter(128).Raw(secretMpint).Raw(exchangeHash).Byte((byte)letter).Raw(sessionId);
        var key = SHA256.HashData(input.Written);
        while (key.Length < length)
        {
            var more = SHA256.HashData(new WireWriter(160).Raw(secretMpint).Raw(exchangeHash).Raw(key).Written);
            key = [.. key, .. more];
        }

        return key[..length];
    }
}
