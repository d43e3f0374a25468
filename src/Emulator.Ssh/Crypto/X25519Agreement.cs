using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// One ephemeral X25519 agreement (RFC 7748 section 6.1) for curve25519-sha256 and the hybrid ML-KEM method.
/// .NET has no X25519, so this uses libsodium where it loads (<see cref="LibSodium"/> says why: the largest single
/// cost of a handshake), and BouncyCastle otherwise. Both give the same bytes; <c>X25519AgreementTests</c> checks
/// them against each other and RFC 7748's vectors.
/// </summary>
internal static class X25519Agreement
{
    public const int KeySize = 32;

    /// <summary>Whether agreements run in libsodium (false where it does not load).</summary>
    public static bool UsesLibSodium => LibSodium.Instance is not null;

    /// <summary>
    /// Makes an ephemeral key pair, agrees with <paramref name="peerPublic"/> and returns (our public value, the shared
    /// secret); the secret is null when it is all zero (a low-order peer point, which RFC 8731 section 3 says to refuse).
    /// </summary>
    public static (byte[] Public, byte[]? Secret) Agree(ReadOnlySpan<byte> peerPublic) =>
        Agree(peerPublic, LibSodium.Instance);

    /// <summary>The same with the implementation chosen by the caller (null: BouncyCastle), for tests.</summary>
    internal static (byte[] Public, byte[]? Secret) Agree(ReadOnlySpan<byte> peerPublic, LibSodium? sodium)
    {
        if (peerPublic.Length != KeySize)
        {
            throw new ArgumentException("an X25519 public value is 32 bytes", nameof(peerPublic));
        }

        Span<byte> privateKey = stackalloc byte[KeySize];
        BatchedRandom.Fill(privateKey);
        try
        {
            var ourPublic = new byte[KeySize];
            var secret = new byte[KeySize];
            bool agreed = sodium is not null
                ? sodium.TryAgree(privateKey, peerPublic, ourPublic, secret)
                : BouncyCastleAgree(privateKey, peerPublic, ourPublic, secret);
            return (ourPublic, agreed ? secret : null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    internal static bool BouncyCastleAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublic, Span<byte> ourPublic, Span<byte> secret)
    {
        X25519.ScalarMultBase(privateKey, ourPublic);
        return X25519.CalculateAgreement(privateKey, peerPublic, secret);
    }
}
