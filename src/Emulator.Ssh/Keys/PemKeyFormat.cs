using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace Emulator.Ssh.Keys;

/// <summary>Imports host keys from PEM: PKCS#1 RSA, SEC1 EC, OpenSSL DSA and PKCS#8 (RSA, EC, Ed25519, DSA).</summary>
internal static class PemKeyFormat
{
    public static SshHostKey Read(string label, byte[] der, string text) => label switch
    {
        "RSA PRIVATE KEY" => ImportRsa(text),
        "EC PRIVATE KEY" => ImportEc(text),
        "DSA PRIVATE KEY" => ReadOpenSslDsa(der),
        "PRIVATE KEY" => ReadPkcs8(der),
        "ENCRYPTED PRIVATE KEY" => throw new FormatException("encrypted private keys are not supported"),
        _ => throw new FormatException($"unsupported PEM block '{label}'"),
    };

    private static RsaHostKey ImportRsa(string text)
    {
        if (text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new FormatException("encrypted private keys are not supported");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(text);
        return new RsaHostKey(rsa);
    }

    private static EcdsaHostKey ImportEc(string text)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(text);
        return FromEcdsa(ecdsa);
    }

    private static EcdsaHostKey FromEcdsa(ECDsa ecdsa)
    {
        if (ecdsa.KeySize is not (256 or 384 or 521))
        {
            ecdsa.Dispose();
            throw new FormatException("only the NIST P-256, P-384 and P-521 curves are supported");
        }

        var parameters = ecdsa.ExportParameters(true);
        var curve = EcdsaCurve.ByBits(ecdsa.KeySize);
        ecdsa.Dispose();
        // Rebuilding from the scalar also rejects a key whose curve is not the named NIST curve.
        return EcdsaHostKey.FromPrivateScalar(curve, parameters.D);
    }

    private static DsaHostKey ReadOpenSslDsa(byte[] der)
    {
        var sequence = Org.BouncyCastle.Asn1.Asn1Sequence.GetInstance(der);
        if (sequence.Count != 6)
        {
            throw new FormatException("malformed DSA private key");
        }

        Org.BouncyCastle.Math.BigInteger At(int i) => Org.BouncyCastle.Asn1.DerInteger.GetInstance(sequence[i]).Value;
        return new DsaHostKey(new DsaPrivateKeyParameters(At(5), new DsaParameters(At(1), At(2), At(3))));
    }

    private static SshHostKey ReadPkcs8(byte[] der)
    {
        var key = Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(der);
        switch (key)
        {
            case RsaPrivateCrtKeyParameters:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(der, out _);
                return new RsaHostKey(rsa);
            case ECPrivateKeyParameters:
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(der, out _);
                return FromEcdsa(ecdsa);
            case Ed25519PrivateKeyParameters ed:
                return new Ed25519HostKey(ed.GetEncoded());
            case DsaPrivateKeyParameters dsa:
                return new DsaHostKey(dsa);
            default:
                throw new FormatException($"unsupported PKCS#8 key {key.GetType().Name}");
        }
    }
}
