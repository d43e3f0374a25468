using System.Security.Cryptography;
using Emulator.Ssh.Wire;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Emulator.Ssh.Keys;

/// <summary>ssh-ed25519 public key (RFC 8709); signatures checked in libsodium where it loads, else BouncyCastle.</summary>
internal sealed class Ed25519PublicKey : SshPublicKey
{
    public const string Name = "ssh-ed25519";

    private readonly byte[] _publicKey;

    private Ed25519PublicKey(byte[] blob, byte[] publicKey) : base(blob) => _publicKey = publicKey;

    public override string KeyType => Name;

    public override int Bits => 256;

    public static Ed25519PublicKey Read(byte[] blob, ref SshReader reader)
    {
        var key = reader.ReadString();
        if (key.Length != Ed25519.PublicKeySize)
        {
            throw new FormatException("ssh-ed25519 key must be 32 bytes");
        }

        return new Ed25519PublicKey(blob, key.ToArray());
    }

    public static byte[] BuildBlob(ReadOnlySpan<byte> publicKey) => KeyEncoding.Build(publicKey.ToArray(), static (ref SshWriter w, byte[] k) =>
    {
        w.WriteString(Name);
        w.WriteString(k);
    });

    private protected override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(data, signature, Crypto.LibSodium.Instance);

    /// <summary>
    /// Checks a user key's signature (every publickey login makes one) in libsodium, which also signs for the host keys,
    /// or in BouncyCastle (<paramref name="sodium"/> null, as where libsodium does not load).
    /// </summary>
    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, Crypto.LibSodium? sodium)
    {
        if (signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        if (sodium is not null)
        {
            return sodium.VerifyEd25519(_publicKey, data, signature);
        }

        try
        {
            return Ed25519.Verify(signature.ToArray(), 0, _publicKey, 0, data.ToArray(), 0, data.Length);
        }
        catch (ArgumentException)
        {
            // BouncyCastle throws for encodings that are not points; that is simply a bad signature.
            return false;
        }
    }
}

/// <summary>
/// ssh-ed25519 host key (RFC 8032). Signs in libsodium where it loads (22 us per signature against 48 us for
/// BouncyCastle and for OpenSSL 3.0: <see cref="Crypto.LibSodium"/>), in BouncyCastle otherwise; Ed25519 signatures
/// are deterministic, so both give the same bytes (<c>Ed25519HostKeyTests</c>).
/// </summary>
internal sealed class Ed25519HostKey : SshHostKey
{
    private readonly byte[] _seed;
    private readonly byte[] _publicKey;
    private readonly byte[] _blob;

    // libsodium's form of the same key: seed then public key.
    private readonly byte[] _secretKey;

    public Ed25519HostKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
        {
            throw new FormatException("ed25519 private key must be 32 bytes");
        }

        _seed = seed.ToArray();
        _publicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        _blob = Ed25519PublicKey.BuildBlob(_publicKey);
        _secretKey = [.. _seed, .. _publicKey];
    }

    public static Ed25519HostKey Create(Org.BouncyCastle.Security.SecureRandom random)
    {
        var seed = new byte[Ed25519.SecretKeySize];
        random.NextBytes(seed);
        return new Ed25519HostKey(seed);
    }

    public override string KeyType => Ed25519PublicKey.Name;

    public override int Bits => 256;

    public override IReadOnlyList<string> SignatureAlgorithms { get; } = [Ed25519PublicKey.Name];

    public override ReadOnlyMemory<byte> PublicKeyBlob => _blob;

    internal ReadOnlySpan<byte> Seed => _seed;

    internal ReadOnlySpan<byte> RawPublicKey => _publicKey;

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data) => Sign(signatureAlgorithm, data, Crypto.LibSodium.Instance);

    /// <summary>The same with the implementation chosen by the caller (null: BouncyCastle), for tests.</summary>
    internal byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data, Crypto.LibSodium? sodium)
    {
        EnsureAlgorithm(signatureAlgorithm);
        var signature = new byte[Ed25519.SignatureSize];
        if (sodium is not null)
        {
            sodium.SignEd25519(_secretKey, data, signature);
        }
        else
        {
            // With the public key given, BouncyCastle does not derive it again (a base-point multiplication) per signature.
            Ed25519.Sign(_seed, 0, _publicKey, 0, data.ToArray(), 0, data.Length, signature, 0);
        }

        return KeyEncoding.SignatureBlob(signatureAlgorithm, signature);
    }

    private protected override void WriteOpenSshPrivateFields(ref SshWriter writer)
    {
        writer.WriteString(_publicKey);
        var secret = new byte[64];
        _seed.CopyTo(secret, 0);
        _publicKey.CopyTo(secret, 32);
        writer.WriteString(secret);
        CryptographicOperations.ZeroMemory(secret);
    }

    public override string ExportPem()
    {
        var info = Org.BouncyCastle.Pkcs.PrivateKeyInfoFactory.CreatePrivateKeyInfo(
            new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(_seed));
        return PemText.Encode("PRIVATE KEY", info.GetDerEncoded());
    }

    protected override void Dispose(bool disposing)
    {
        CryptographicOperations.ZeroMemory(_seed);
        CryptographicOperations.ZeroMemory(_secretKey);
        base.Dispose(disposing);
    }
}
