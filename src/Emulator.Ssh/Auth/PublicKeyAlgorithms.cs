using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Auth;

/// <summary>Checks a user-key signature blob (string algorithm, string signature) against a public key blob.</summary>
internal delegate bool SignatureVerifier(string algorithm, ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob);

/// <summary>Public-key signature algorithms accepted for user authentication and the key type each one needs.</summary>
internal static class PublicKeyAlgorithms
{
    private static readonly Dictionary<string, string> s_keyTypes = new(StringComparer.Ordinal)
    {
        ["ssh-ed25519"] = "ssh-ed25519",
        ["ecdsa-sha2-nistp256"] = "ecdsa-sha2-nistp256",
        ["ecdsa-sha2-nistp384"] = "ecdsa-sha2-nistp384",
        ["ecdsa-sha2-nistp521"] = "ecdsa-sha2-nistp521",
        ["rsa-sha2-512"] = "ssh-rsa",
        ["rsa-sha2-256"] = "ssh-rsa",
        ["ssh-rsa"] = "ssh-rsa",
        ["ssh-dss"] = "ssh-dss",
    };

    /// <summary>Names for the server-sig-algs extension, strongest first.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. s_keyTypes.Keys];

    /// <summary>True when <paramref name="algorithm"/> is known and <paramref name="keyBlob"/> is a key of the type it needs.</summary>
    public static bool Fits(string algorithm, ReadOnlySpan<byte> keyBlob)
    {
        if (!s_keyTypes.TryGetValue(algorithm, out var keyType))
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
