using System.Security.Cryptography;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Keys;

/// <summary>ssh-rsa public key (RFC 4253 6.6) with the SHA-2 signature algorithms of RFC 8332.</summary>
internal sealed class RsaPublicKey : SshPublicKey
{
    public const string Name = "ssh-rsa";

    /// <summary>Signature algorithms in preference order.</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["rsa-sha2-512", "rsa-sha2-256", Name];

    /// <summary>Smaller moduli are refused, as by OpenSSH.</summary>
    public const int MinimumBits = 1024;

    private readonly RSAParameters _parameters;

    private RsaPublicKey(byte[] blob, RSAParameters parameters) : base(blob)
    {
        _parameters = parameters;
        Bits = BitLength(parameters.Modulus!);
    }

    public override string KeyType => Name;

    public override int Bits { get; }

    public static RsaPublicKey Read(byte[] blob, ref SshReader reader)
    {
        var e = KeyEncoding.UnsignedFromMpint(reader.ReadMpint());
        var n = KeyEncoding.UnsignedFromMpint(reader.ReadMpint());
        if (BitLength(n) < MinimumBits || BitLength(n) > 16384 || e.Length == 0 || (e[^1] & 1) == 0)
        {
            throw new FormatException("unacceptable RSA public key");
        }

        return new RsaPublicKey(blob, new RSAParameters { Exponent = e, Modulus = n });
    }

    public static byte[] BuildBlob(RSAParameters parameters) => KeyEncoding.Build(parameters, static (ref SshWriter w, RSAParameters p) =>
    {
        w.WriteString(Name);
        w.WriteMpint(p.Exponent);
        w.WriteMpint(p.Modulus);
    });

    public static HashAlgorithmName HashFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        "rsa-sha2-512" => HashAlgorithmName.SHA512,
        "rsa-sha2-256" => HashAlgorithmName.SHA256,
        Name => HashAlgorithmName.SHA1,
        _ => throw new ArgumentException($"not an RSA signature algorithm: {signatureAlgorithm}"),
    };

    private protected override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var modulusBytes = _parameters.Modulus!.Length;
        if (signature.Length > modulusBytes)
        {
            return false;
        }

        // Some clients drop leading zero bytes of the signature; RSA wants it at full modulus length.
        Span<byte> padded = stackalloc byte[modulusBytes];
        signature.CopyTo(padded[(modulusBytes - signature.Length)..]);
        using var rsa = RSA.Create(_parameters);
        return rsa.VerifyData(data, padded, HashFor(signatureAlgorithm), RSASignaturePadding.Pkcs1);
    }

    internal static int BitLength(ReadOnlySpan<byte> magnitude)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        return start == magnitude.Length ? 0 : ((magnitude.Length - start - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude[start]));
    }
}

/// <summary>RSA host key: signs with .NET RSA (PKCS#1 v1.5) for rsa-sha2-512, rsa-sha2-256 and ssh-rsa.</summary>
internal sealed class RsaHostKey : SshHostKey
{
    private readonly RSA _rsa;
    private readonly byte[] _blob;

    public RsaHostKey(RSA rsa)
    {
        _rsa = rsa;
        var parameters = rsa.ExportParameters(false);
        _blob = RsaPublicKey.BuildBlob(parameters);
        Bits = RsaPublicKey.BitLength(parameters.Modulus);
    }

    /// <summary>Generates with BouncyCastle from a random source so a seeded source yields the same key every time.</summary>
    public static RsaHostKey Create(int bits, Org.BouncyCastle.Security.SecureRandom random)
    {
        var generator = new Org.BouncyCastle.Crypto.Generators.RsaKeyPairGenerator();
        generator.Init(new Org.BouncyCastle.Crypto.Parameters.RsaKeyGenerationParameters(
            Org.BouncyCastle.Math.BigInteger.ValueOf(65537), random, bits, 100));
        var key = (Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters)generator.GenerateKeyPair().Private;
        return new RsaHostKey(RSA.Create(ToParameters(key)));
    }

    internal static RSAParameters ToParameters(Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters key)
    {
        var modulus = key.Modulus.ToByteArrayUnsigned();
        var half = (modulus.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = modulus,
            Exponent = key.PublicExponent.ToByteArrayUnsigned(),
            D = KeyEncoding.FixedLength(key.Exponent.ToByteArrayUnsigned(), modulus.Length),
            P = KeyEncoding.FixedLength(key.P.ToByteArrayUnsigned(), half),
            Q = KeyEncoding.FixedLength(key.Q.ToByteArrayUnsigned(), half),
            DP = KeyEncoding.FixedLength(key.DP.ToByteArrayUnsigned(), half),
            DQ = KeyEncoding.FixedLength(key.DQ.ToByteArrayUnsigned(), half),
            InverseQ = KeyEncoding.FixedLength(key.QInv.ToByteArrayUnsigned(), half),
        };
    }

    public override string KeyType => RsaPublicKey.Name;

    public override int Bits { get; }

    public override IReadOnlyList<string> SignatureAlgorithms => RsaPublicKey.Algorithms;

    public override ReadOnlyMemory<byte> PublicKeyBlob => _blob;

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        EnsureAlgorithm(signatureAlgorithm);
        var signature = _rsa.SignData(data, RsaPublicKey.HashFor(signatureAlgorithm), RSASignaturePadding.Pkcs1);
        return KeyEncoding.SignatureBlob(signatureAlgorithm, signature);
    }

    private protected override void WriteOpenSshPrivateFields(ref SshWriter writer)
    {
        var p = _rsa.ExportParameters(true);
        writer.WriteMpint(p.Modulus);
        writer.WriteMpint(p.Exponent);
        writer.WriteMpint(p.D);
        writer.WriteMpint(p.InverseQ);
        writer.WriteMpint(p.P);
        writer.WriteMpint(p.Q);
    }

    public override string ExportPem() => _rsa.ExportRSAPrivateKeyPem();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
