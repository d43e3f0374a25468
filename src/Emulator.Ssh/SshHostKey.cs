using System.Security.Cryptography;

namespace Emulator.Ssh;

/// <summary>
/// A server host key. Concrete types per key algorithm live in Keys/. Factories load and save the
/// OpenSSH private-key format and PEM (PKCS#1/PKCS#8/SEC1); keys can be derived deterministically from a seed.
/// </summary>
public abstract class SshHostKey : IDisposable
{
    /// <summary>Key type as in the public key blob: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, ssh-dss.</summary>
    public abstract string KeyType { get; }

    public abstract int Bits { get; }

    /// <summary>Host-key (signature) algorithms this key can serve, e.g. rsa-sha2-512, rsa-sha2-256, ssh-rsa for an RSA key.</summary>
    public abstract IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>Public key in SSH wire format (RFC 4253 6.6).</summary>
    public abstract ReadOnlyMemory<byte> PublicKeyBlob { get; }

    /// <summary>Signs <paramref name="data"/> and returns the SSH signature blob (string algorithm, string signature).</summary>
    public abstract byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);

    /// <summary>OpenSSH private key file text ("-----BEGIN OPENSSH PRIVATE KEY-----").</summary>
    public abstract string ExportOpenSshPrivateKey(string comment = "");

    /// <summary><c>SHA256:base64</c> without padding, as OpenSSH prints it.</summary>
    public string FingerprintSha256 =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(PublicKeyBlob.Span)).TrimEnd('=');

    /// <summary><c>KeyType base64</c>, the public half as authorized_keys/known_hosts write it.</summary>
    public string PublicKeyLine => KeyType + " " + Convert.ToBase64String(PublicKeyBlob.Span);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
