// ssh-dss is defined with SHA-1 (RFC 4253); it is offered only when a device profile asks for it.
#pragma warning disable CA5350

using Emulator.Ssh.Wire;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Emulator.Ssh.Keys;

/// <summary>ssh-dss public key (RFC 4253 6.6): 1024-bit DSA with SHA-1, verified with BouncyCastle.</summary>
internal sealed class DsaPublicKey : SshPublicKey
{
    public const string Name = "ssh-dss";

    private readonly DsaPublicKeyParameters _key;

    private DsaPublicKey(byte[] blob, DsaPublicKeyParameters key) : base(blob) => _key = key;

    public override string KeyType => Name;

    public override int Bits => _key.Parameters.P.BitLength;

    public static DsaPublicKey Read(byte[] blob, ref SshReader reader)
    {
        var p = KeyEncoding.ToBigInteger(KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
        var q = KeyEncoding.ToBigInteger(KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
        var g = KeyEncoding.ToBigInteger(KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
        var y = KeyEncoding.ToBigInteger(KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
        if (q.BitLength != 160 || p.BitLength < 1024 || p.BitLength > 3072)
        {
            throw new FormatException("unacceptable DSA public key");
        }

        return new DsaPublicKey(blob, new DsaPublicKeyParameters(y, new DsaParameters(p, q, g)));
    }

    public static byte[] BuildBlob(DsaPublicKeyParameters key) => KeyEncoding.Build(key, static (ref SshWriter w, DsaPublicKeyParameters k) =>
    {
        w.WriteString(Name);
        w.WriteMpint(k.Parameters.P.ToByteArrayUnsigned());
        w.WriteMpint(k.Parameters.Q.ToByteArrayUnsigned());
        w.WriteMpint(k.Parameters.G.ToByteArrayUnsigned());
        w.WriteMpint(k.Y.ToByteArrayUnsigned());
    });

    private protected override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        // RFC 4253: r and s as two 160-bit unsigned integers, concatenated.
        if (signature.Length != 40)
        {
            return false;
        }

        var signer = new DsaSigner();
        signer.Init(false, _key);
        var hash = System.Security.Cryptography.SHA1.HashData(data);
        return signer.VerifySignature(hash, new BigInteger(1, signature[..20].ToArray()), new BigInteger(1, signature[20..].ToArray()));
    }
}

/// <summary>ssh-dss host key (BouncyCastle DSA, SHA-1), for old clients and old device profiles only.</summary>
internal sealed class DsaHostKey : SshHostKey
{
    private readonly DsaPrivateKeyParameters _private;
    private readonly DsaPublicKeyParameters _public;
    private readonly byte[] _blob;

    public DsaHostKey(DsaPrivateKeyParameters privateKey)
    {
        _private = privateKey;
        var parameters = privateKey.Parameters;
        _public = new DsaPublicKeyParameters(parameters.G.ModPow(privateKey.X, parameters.P), parameters);
        _blob = DsaPublicKey.BuildBlob(_public);
    }

    public static DsaHostKey Create(int bits, Org.BouncyCastle.Security.SecureRandom random)
    {
        var parametersGenerator = new Org.BouncyCastle.Crypto.Generators.DsaParametersGenerator();
        parametersGenerator.Init(bits, 64, random);
        var generator = new Org.BouncyCastle.Crypto.Generators.DsaKeyPairGenerator();
        generator.Init(new DsaKeyGenerationParameters(random, parametersGenerator.GenerateParameters()));
        return new DsaHostKey((DsaPrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    public override string KeyType => DsaPublicKey.Name;

    public override int Bits => _private.Parameters.P.BitLength;

    public override IReadOnlyList<string> SignatureAlgorithms { get; } = [DsaPublicKey.Name];

    public override ReadOnlyMemory<byte> PublicKeyBlob => _blob;

    internal DsaPrivateKeyParameters PrivateParameters => _private;

    internal DsaPublicKeyParameters PublicParameters => _public;

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        EnsureAlgorithm(signatureAlgorithm);
        // RFC 6979 deterministic k: no dependence on a random source while signing.
        var signer = new DsaSigner(new HMacDsaKCalculator(new Org.BouncyCastle.Crypto.Digests.Sha1Digest()));
        signer.Init(true, _private);
        var rs = signer.GenerateSignature(System.Security.Cryptography.SHA1.HashData(data));
        var signature = new byte[40];
        KeyEncoding.FixedLength(rs[0].ToByteArrayUnsigned(), 20).CopyTo(signature, 0);
        KeyEncoding.FixedLength(rs[1].ToByteArrayUnsigned(), 20).CopyTo(signature, 20);
        return KeyEncoding.SignatureBlob(signatureAlgorithm, signature);
    }

    private protected override void WriteOpenSshPrivateFields(ref SshWriter writer)
    {
        var p = _private.Parameters;
        writer.WriteMpint(p.P.ToByteArrayUnsigned());
        writer.WriteMpint(p.Q.ToByteArrayUnsigned());
        writer.WriteMpint(p.G.ToByteArrayUnsigned());
        writer.WriteMpint(_public.Y.ToByteArrayUnsigned());
        writer.WriteMpint(_private.X.ToByteArrayUnsigned());
    }

    /// <summary>OpenSSL's traditional "DSA PRIVATE KEY": SEQUENCE { 0, p, q, g, y, x }.</summary>
    public override string ExportPem()
    {
        var p = _private.Parameters;
        var sequence = new Org.BouncyCastle.Asn1.DerSequence(
            Org.BouncyCastle.Asn1.DerInteger.Zero,
            new Org.BouncyCastle.Asn1.DerInteger(p.P),
            new Org.BouncyCastle.Asn1.DerInteger(p.Q),
            new Org.BouncyCastle.Asn1.DerInteger(p.G),
            new Org.BouncyCastle.Asn1.DerInteger(_public.Y),
            new Org.BouncyCastle.Asn1.DerInteger(_private.X));
        return PemText.Encode("DSA PRIVATE KEY", sequence.GetDerEncoded());
    }
}
