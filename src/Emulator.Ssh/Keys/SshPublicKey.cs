using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Keys;

/// <summary>
/// A public key in SSH wire format (RFC 4253 6.6) that can check signatures: what publickey user
/// authentication verifies against and what a host key publishes. Parse with <see cref="Parse"/>.
/// </summary>
public abstract class SshPublicKey
{
    private protected SshPublicKey(byte[] blob) => Blob = blob;

    /// <summary>ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa or ssh-dss.</summary>
    public abstract string KeyType { get; }

    public abstract int Bits { get; }

    /// <summary>The wire blob this key was parsed from.</summary>
    public ReadOnlyMemory<byte> Blob { get; }

    /// <summary>Signature algorithms valid for this key type (RSA: rsa-sha2-512, rsa-sha2-256, ssh-rsa).</summary>
    public IReadOnlyList<string> SignatureAlgorithms => SignatureAlgorithmsFor(KeyType);

    /// <summary>Parses a public key blob of any supported type. Malformed or unsupported blobs throw <see cref="FormatException"/>.</summary>
    public static SshPublicKey Parse(ReadOnlySpan<byte> blob)
    {
        var copy = blob.ToArray();
        try
        {
            var reader = new SshReader(copy);
            var type = reader.ReadAsciiString();
            SshPublicKey key = type switch
            {
                Ed25519PublicKey.Name => Ed25519PublicKey.Read(copy, ref reader),
                EcdsaCurve.P256Name or EcdsaCurve.P384Name or EcdsaCurve.P521Name => EcdsaPublicKey.Read(copy, type, ref reader),
                RsaPublicKey.Name => RsaPublicKey.Read(copy, ref reader),
                DsaPublicKey.Name => DsaPublicKey.Read(copy, ref reader),
                _ => throw new FormatException($"unsupported public key type '{type}'"),
            };
            reader.EnsureAtEnd();
            return key;
        }
        catch (SshDisconnectException e)
        {
            throw new FormatException("malformed public key blob: " + e.Message, e);
        }
    }

    /// <summary>Parses an authorized_keys / known_hosts style line: <c>type base64 [comment]</c>.</summary>
    public static SshPublicKey ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException("expected '<type> <base64>'");
        }

        var key = Parse(Convert.FromBase64String(parts[1]));
        if (key.KeyType != parts[0])
        {
            throw new FormatException($"key type '{parts[0]}' does not match the blob's '{key.KeyType}'");
        }

        return key;
    }

    /// <summary>
    /// Verifies an SSH signature blob (<c>string algorithm, string signature</c>) over <paramref name="data"/>.
    /// The blob's algorithm must equal <paramref name="signatureAlgorithm"/> and be valid for this key type.
    /// Malformed signatures return false.
    /// </summary>
    public bool Verify(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob)
    {
        ArgumentNullException.ThrowIfNull(signatureAlgorithm);
        if (!SignatureAlgorithms.Contains(signatureAlgorithm))
        {
            return false;
        }

        try
        {
            var reader = new SshReader(signatureBlob);
            var algorithm = reader.ReadString();
            if (!algorithm.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(signatureAlgorithm)))
            {
                return false;
            }

            var signature = reader.ReadString();
            return reader.IsAtEnd && VerifyRaw(signatureAlgorithm, data, signature);
        }
        catch (SshDisconnectException)
        {
            return false;
        }
    }

    /// <summary>Checks the inner signature bytes of <paramref name="signatureAlgorithm"/>.</summary>
    private protected abstract bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Signature algorithms of a key type; empty for unknown types.</summary>
    public static IReadOnlyList<string> SignatureAlgorithmsFor(string keyType) => keyType switch
    {
        RsaPublicKey.Name => RsaPublicKey.Algorithms,
        Ed25519PublicKey.Name or EcdsaCurve.P256Name or EcdsaCurve.P384Name or EcdsaCurve.P521Name or DsaPublicKey.Name => [keyType],
        _ => [],
    };

    /// <summary>Key type that serves a signature algorithm (rsa-sha2-256 => ssh-rsa), or null.</summary>
    public static string? KeyTypeForSignatureAlgorithm(string signatureAlgorithm) => signatureAlgorithm switch
    {
        "rsa-sha2-512" or "rsa-sha2-256" or RsaPublicKey.Name => RsaPublicKey.Name,
        Ed25519PublicKey.Name or EcdsaCurve.P256Name or EcdsaCurve.P384Name or EcdsaCurve.P521Name or DsaPublicKey.Name => signatureAlgorithm,
        _ => null,
    };

    public override string ToString() => KeyType + " " + Convert.ToBase64String(Blob.Span);
}
