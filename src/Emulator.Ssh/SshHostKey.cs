using System.Security.Cryptography;
using Emulator.Ssh.Keys;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh;

/// <summary>
/// A server host key. Concrete types per key algorithm live in Keys/. Factories load and save the
/// OpenSSH private-key format and PEM (PKCS#1/PKCS#8/SEC1); keys can be derived deterministically from a seed.
/// </summary>
public abstract class SshHostKey : IDisposable
{
    private SshPublicKey? _publicKey;

    private protected SshHostKey()
    {
    }

    /// <summary>Key types <see cref="Generate"/> and <see cref="Import"/> support.</summary>
    public static IReadOnlyList<string> SupportedKeyTypes { get; } =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"];

    /// <summary>Key type as in the public key blob: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, ssh-dss.</summary>
    public abstract string KeyType { get; }

    public abstract int Bits { get; }

    /// <summary>Host-key (signature) algorithms this key can serve, e.g. rsa-sha2-512, rsa-sha2-256, ssh-rsa for an RSA key.</summary>
    public abstract IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>Public key in SSH wire format (RFC 4253 6.6).</summary>
    public abstract ReadOnlyMemory<byte> PublicKeyBlob { get; }

    /// <summary>The public half, able to verify this key's signatures.</summary>
    public SshPublicKey PublicKey => _publicKey ??= SshPublicKey.Parse(PublicKeyBlob.Span);

    /// <summary>Signs <paramref name="data"/> and returns the SSH signature blob (string algorithm, string signature).</summary>
    public abstract byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);

    /// <summary>OpenSSH private key file text ("-----BEGIN OPENSSH PRIVATE KEY-----"), unencrypted; <c>ssh-keygen</c> reads it.</summary>
    public string ExportOpenSshPrivateKey(string comment = "") =>
        OpenSshPrivateKeyFormat.Write(this, comment ?? "", WriteOpenSshPrivateFields);

    /// <summary>PEM text: PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", OpenSSL "DSA PRIVATE KEY", PKCS#8 "PRIVATE KEY" for Ed25519.</summary>
    public abstract string ExportPem();

    /// <summary><c>SHA256:base64</c> without padding, as OpenSSH prints it.</summary>
    public string FingerprintSha256 =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(PublicKeyBlob.Span)).TrimEnd('=');

    /// <summary><c>KeyType base64</c>, the public half as authorized_keys/known_hosts write it.</summary>
    public string PublicKeyLine => KeyType + " " + Convert.ToBase64String(PublicKeyBlob.Span);

    /// <summary>
    /// Creates a key. <paramref name="bits"/>: RSA 1024..16384 (default 3072), ECDSA 256/384/521 (chosen by the type,
    /// or by bits when <paramref name="keyType"/> is "ecdsa"), DSA 1024 only, Ed25519 256.
    /// With a <paramref name="seed"/> the key is derived deterministically: same seed, type and bits give the same key.
    /// </summary>
    public static SshHostKey Generate(string keyType, int? bits = null, byte[]? seed = null)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        switch (keyType)
        {
            case "ssh-ed25519" or "ed25519":
                RequireBits(bits, 256, 256);
                return Ed25519HostKey.Create(DeterministicRandom.Create(seed, "ssh-ed25519", 256));
            case "ecdsa" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521":
                var curve = keyType == "ecdsa" ? EcdsaCurve.ByBits(bits ?? 256) : EcdsaCurve.ByKeyType(keyType);
                RequireBits(bits, curve.Bits, curve.Bits);
                if (seed is null)
                {
                    return new EcdsaHostKey(ECDsa.Create(curve.Curve));
                }

                return EcdsaHostKey.Create(curve, DeterministicRandom.Create(seed, curve.KeyType, curve.Bits));
            case "ssh-rsa" or "rsa":
                var rsaBits = bits ?? 3072;
                RequireBits(rsaBits, 1024, 16384);
                if (seed is null)
                {
                    return new RsaHostKey(RSA.Create(rsaBits));
                }

                return RsaHostKey.Create(rsaBits, DeterministicRandom.Create(seed, "ssh-rsa", rsaBits));
            case "ssh-dss" or "dsa":
                RequireBits(bits, 1024, 1024);
                return DsaHostKey.Create(1024, DeterministicRandom.Create(seed, "ssh-dss", 1024));
            default:
                throw new ArgumentException($"unsupported host key type '{keyType}'", nameof(keyType));
        }
    }

    /// <summary>Reads an unencrypted private key: OpenSSH format or PEM (PKCS#1 RSA, PKCS#8, SEC1 EC, OpenSSL DSA).</summary>
    /// <exception cref="FormatException">The text is not a supported, unencrypted private key.</exception>
    public static SshHostKey Import(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (label, data) = PemText.Decode(text);
        try
        {
            return label == OpenSshPrivateKeyFormat.Label ? OpenSshPrivateKeyFormat.Read(data) : PemKeyFormat.Read(label, data, text);
        }
        // BouncyCastle reports bad DER as IOException and unknown algorithm identifiers as SecurityUtilityException; .NET an
        // unknown EC curve as PlatformNotSupportedException; impossible DSA/RSA numbers throw ArithmeticException
        // (found by fuzz/ host-key-file).
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidCastException or InvalidOperationException
            or IOException or PlatformNotSupportedException or ArithmeticException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new FormatException("unreadable private key: " + e.Message, e);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Writes the type-specific private fields of the OpenSSH container (after the key type string).</summary>
    private protected abstract void WriteOpenSshPrivateFields(ref SshWriter writer);

    private protected void EnsureAlgorithm(string signatureAlgorithm)
    {
        if (!SignatureAlgorithms.Contains(signatureAlgorithm))
        {
            throw new ArgumentException($"key {KeyType} cannot sign with {signatureAlgorithm}", nameof(signatureAlgorithm));
        }
    }

    private static void RequireBits(int? bits, int min, int max)
    {
        if (bits is { } b && (b < min || b > max))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), b, min == max ? $"must be {min}" : $"must be {min}..{max}");
        }
    }
}
