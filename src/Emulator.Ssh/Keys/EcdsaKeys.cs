using System.Security.Cryptography;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Keys;

/// <summary>The three NIST curves of RFC 5656, by SSH name.</summary>
internal sealed record EcdsaCurve(string KeyType, string Identifier, ECCurve Curve, int Bits, HashAlgorithmName Hash, string BouncyCastleName)
{
    public const string P256Name = "ecdsa-sha2-nistp256";
    public const string P384Name = "ecdsa-sha2-nistp384";
    public const string P521Name = "ecdsa-sha2-nistp521";

    public static readonly EcdsaCurve P256 = new(P256Name, "nistp256", ECCurve.NamedCurves.nistP256, 256, HashAlgorithmName.SHA256, "P-256");
    public static readonly EcdsaCurve P384 = new(P384Name, "nistp384", ECCurve.NamedCurves.nistP384, 384, HashAlgorithmName.SHA384, "P-384");
    public static readonly EcdsaCurve P521 = new(P521Name, "nistp521", ECCurve.NamedCurves.nistP521, 521, HashAlgorithmName.SHA512, "P-521");

    /// <summary>Bytes of one coordinate or of the private scalar.</summary>
    public int FieldBytes => (Bits + 7) / 8;

    public static EcdsaCurve ByKeyType(string keyType) => keyType switch
    {
        P256Name => P256,
        P384Name => P384,
        P521Name => P521,
        _ => throw new FormatException($"unknown ECDSA key type '{keyType}'"),
    };

    public static EcdsaCurve ByIdentifier(string identifier) => identifier switch
    {
        "nistp256" => P256,
        "nistp384" => P384,
        "nistp521" => P521,
        _ => throw new FormatException($"unknown ECDSA curve '{identifier}'"),
    };

    public static EcdsaCurve ByBits(int bits) => bits switch
    {
        256 => P256,
        384 => P384,
        521 => P521,
        _ => throw new ArgumentException($"ECDSA keys are 256, 384 or 521 bits, not {bits}"),
    };

    /// <summary>Decodes an uncompressed SEC1 point (0x04 || X || Y); anything else is rejected.</summary>
    public ECPoint DecodePoint(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 1 + (2 * FieldBytes) || encoded[0] != 0x04)
        {
            throw new FormatException("EC point must be uncompressed and of the curve's size");
        }

        return new ECPoint
        {
            X = encoded.Slice(1, FieldBytes).ToArray(),
            Y = encoded.Slice(1 + FieldBytes, FieldBytes).ToArray(),
        };
    }

    public static byte[] EncodePoint(ECPoint point)
    {
        var result = new byte[1 + point.X!.Length + point.Y!.Length];
        result[0] = 0x04;
        point.X.CopyTo(result, 1);
        point.Y.CopyTo(result, 1 + point.X.Length);
        return result;
    }
}

/// <summary>ecdsa-sha2-nistp256/384/521 public key (RFC 5656 3.1), verified with .NET ECDsa.</summary>
internal sealed class EcdsaPublicKey : SshPublicKey
{
    private readonly EcdsaCurve _curve;
    private readonly ECParameters _parameters;

    private EcdsaPublicKey(byte[] blob, EcdsaCurve curve, ECParameters parameters) : base(blob)
    {
        _curve = curve;
        _parameters = parameters;
    }

    public override string KeyType => _curve.KeyType;

    public override int Bits => _curve.Bits;

    public static EcdsaPublicKey Read(byte[] blob, string keyType, ref SshReader reader)
    {
        var curve = EcdsaCurve.ByKeyType(keyType);
        if (reader.ReadAsciiString() != curve.Identifier)
        {
            throw new FormatException("ECDSA curve identifier does not match the key type");
        }

        var parameters = new ECParameters { Curve = curve.Curve, Q = curve.DecodePoint(reader.ReadString()) };
        try
        {
            // Import validates that the point lies on the curve.
            using var probe = ECDsa.Create(parameters);
        }
        catch (CryptographicException e)
        {
            throw new FormatException("ECDSA public point is not on the curve", e);
        }

        return new EcdsaPublicKey(blob, curve, parameters);
    }

    public static byte[] BuildBlob(EcdsaCurve curve, ECPoint q) => KeyEncoding.Build((curve, q), static (ref SshWriter w, (EcdsaCurve Curve, ECPoint Q) s) =>
    {
        w.WriteString(s.Curve.KeyType);
        w.WriteString(s.Curve.Identifier);
        w.WriteString(EcdsaCurve.EncodePoint(s.Q));
    });

    private protected override bool VerifyRaw(string signatureAlgorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var reader = new SshReader(signature);
        var r = KeyEncoding.UnsignedFromMpint(reader.ReadMpint());
        var s = KeyEncoding.UnsignedFromMpint(reader.ReadMpint());
        if (!reader.IsAtEnd || r.Length > _curve.FieldBytes || s.Length > _curve.FieldBytes)
        {
            return false;
        }

        Span<byte> p1363 = stackalloc byte[2 * _curve.FieldBytes];
        r.CopyTo(p1363[(_curve.FieldBytes - r.Length)..]);
        s.CopyTo(p1363[(2 * _curve.FieldBytes - s.Length)..]);
        using var ecdsa = ECDsa.Create(_parameters);
        return ecdsa.VerifyData(data, p1363, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}

/// <summary>ECDSA host key on a NIST curve, signing with .NET ECDsa.</summary>
internal sealed class EcdsaHostKey : SshHostKey
{
    private readonly ECDsa _ecdsa;
    private readonly EcdsaCurve _curve;
    private readonly byte[] _blob;
    private readonly ECPoint _q;

    public EcdsaHostKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        _curve = EcdsaCurve.ByBits(ecdsa.KeySize);
        var parameters = ecdsa.ExportParameters(false);
        _q = new ECPoint
        {
            X = KeyEncoding.FixedLength(parameters.Q.X, _curve.FieldBytes),
            Y = KeyEncoding.FixedLength(parameters.Q.Y, _curve.FieldBytes),
        };
        _blob = EcdsaPublicKey.BuildBlob(_curve, _q);
        SignatureAlgorithms = [_curve.KeyType];
    }

    /// <summary>A key from the private scalar; the public point is computed (BouncyCastle) so the scalar alone suffices.</summary>
    public static EcdsaHostKey FromPrivateScalar(EcdsaCurve curve, ReadOnlySpan<byte> d)
    {
        var domain = Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName(curve.BouncyCastleName);
        var scalar = KeyEncoding.ToBigInteger(d);
        if (scalar.SignValue <= 0 || scalar.CompareTo(domain.N) >= 0)
        {
            throw new FormatException("ECDSA private scalar out of range");
        }

        var point = domain.G.Multiply(scalar).Normalize();
        var parameters = new ECParameters
        {
            Curve = curve.Curve,
            D = KeyEncoding.FixedLength(d, curve.FieldBytes),
            Q = new ECPoint
            {
                X = KeyEncoding.FixedLength(point.AffineXCoord.GetEncoded(), curve.FieldBytes),
                Y = KeyEncoding.FixedLength(point.AffineYCoord.GetEncoded(), curve.FieldBytes),
            },
        };
        return new EcdsaHostKey(ECDsa.Create(parameters));
    }

    /// <summary>Derives the scalar from a random source (deterministic when the source is seeded).</summary>
    public static EcdsaHostKey Create(EcdsaCurve curve, Org.BouncyCastle.Security.SecureRandom random)
    {
        var n = Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName(curve.BouncyCastleName).N;
        Org.BouncyCastle.Math.BigInteger d;
        do
        {
            d = new Org.BouncyCastle.Math.BigInteger(n.BitLength, random);
        }
        while (d.SignValue == 0 || d.CompareTo(n) >= 0);

        return FromPrivateScalar(curve, d.ToByteArrayUnsigned());
    }

    public override string KeyType => _curve.KeyType;

    public override int Bits => _curve.Bits;

    public override IReadOnlyList<string> SignatureAlgorithms { get; }

    public override ReadOnlyMemory<byte> PublicKeyBlob => _blob;

    public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        EnsureAlgorithm(signatureAlgorithm);
        var p1363 = _ecdsa.SignData(data, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var half = p1363.Length / 2;
        var inner = KeyEncoding.Build(p1363, (ref SshWriter w, byte[] sig) =>
        {
            w.WriteMpint(sig.AsSpan(0, half));
            w.WriteMpint(sig.AsSpan(half));
        });
        return KeyEncoding.SignatureBlob(signatureAlgorithm, inner);
    }

    private protected override void WriteOpenSshPrivateFields(ref SshWriter writer)
    {
        var parameters = _ecdsa.ExportParameters(true);
        writer.WriteString(_curve.Identifier);
        writer.WriteString(EcdsaCurve.EncodePoint(_q));
        writer.WriteMpint(parameters.D);
        CryptographicOperations.ZeroMemory(parameters.D);
    }

    public override string ExportPem() => _ecdsa.ExportECPrivateKeyPem();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ecdsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
