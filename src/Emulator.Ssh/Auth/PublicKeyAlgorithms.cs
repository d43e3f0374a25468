using Emulator.Ssh.Keys;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Auth;

/// <summary>Checks a user-key signature blob (string algorithm, string signature) against a public key blob.</summary>
internal delegate bool SignatureVerifier(string algorithm, ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob);

/// <summary>Checks on the algorithm names of publickey requests, before any signature is verified.</summary>
internal static class PublicKeyAlgorithms
{
    /// <summary>True when <paramref name="algorithm"/> is known and <paramref name="keyBlob"/> is a key of the type it needs.</summary>
    public static bool Fits(string algorithm, ReadOnlySpan<byte> keyBlob)
    {
        if (SshPublicKey.KeyTypeForSignatureAlgorithm(algorithm) is not { } keyType)
        {
            return false;
        }

        try
        {
            var reader = new SshReader(keyBlob);
            return reader.ReadAsciiString() == keyType;
        }
        catch (Transport.SshDisconnectException)
        {
            return false;
        }
    }

    /// <summary>The algorithm name inside a signature blob, or null when the blob is malformed.</summary>
    public static string? SignatureAlgorithm(ReadOnlySpan<byte> signatureBlob)
    {
        try
        {
            var reader = new SshReader(signatureBlob);
            var name = reader.ReadAsciiString();
            reader.ReadString();
            return reader.IsAtEnd ? name : null;
        }
        catch (Transport.SshDisconnectException)
        {
            return null;
        }
    }
}
