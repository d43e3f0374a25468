using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Keys;

/// <summary>
/// The "openssh-key-v1" private key container (OpenSSH PROTOCOL.key), unencrypted only: one key,
/// cipher "none", kdf "none", check integers, the type-specific private fields, a comment and 1,2,3... padding.
/// </summary>
internal static class OpenSshPrivateKeyFormat
{
    public const string Label = "OPENSSH PRIVATE KEY";
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");

    public delegate void PrivateFieldsWriter(ref SshWriter writer);

    public static string Write(SshHostKey key, string comment, PrivateFieldsWriter writeFields)
    {
        var section = new ArrayBufferWriter<byte>(1024);
        var inner = new SshWriter(section);
        // Check integers derived from the public key keep exports of one key byte-identical.
        var check = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key.PublicKeyBlob.Span));
        inner.WriteUInt32(check);
        inner.WriteUInt32(check);
        inner.WriteString(key.KeyType);
        writeFields(ref inner);
        inner.WriteString(comment);
        for (byte pad = 1; section.WrittenCount % 8 != 0; pad++)
        {
            inner.WriteByte(pad);
        }

        var file = new ArrayBufferWriter<byte>(section.WrittenCount + 256);
        var outer = new SshWriter(file);
        outer.WriteBytes(s_magic);
        outer.WriteString("none");
        outer.WriteString("none");
        outer.WriteString(ReadOnlySpan<byte>.Empty);
        outer.WriteUInt32(1);
        outer.WriteString(key.PublicKeyBlob.Span);
        outer.WriteString(section.WrittenSpan);
        CryptographicOperations.ZeroMemory(MemoryMarshalHelper.AsWritable(section));

        var base64 = Convert.ToBase64String(file.WrittenSpan);
        var text = new StringBuilder();
        text.Append("-----BEGIN ").Append(Label).Append("-----\n");
        for (var i = 0; i < base64.Length; i += 70)
        {
            text.Append(base64, i, Math.Min(70, base64.Length - i)).Append('\n');
        }

        text.Append("-----END ").Append(Label).Append("-----\n");
        return text.ToString();
    }

    public static SshHostKey Read(byte[] data)
    {
        try
        {
            return ReadCore(data);
        }
        catch (SshDisconnectException e)
        {
            throw new FormatException("malformed OpenSSH private key: " + e.Message, e);
        }
    }

    private static SshHostKey ReadCore(byte[] data)
    {
        if (!data.AsSpan().StartsWith(s_magic))
        {
            throw new FormatException("not an openssh-key-v1 key");
        }

        var reader = new SshReader(data.AsSpan(s_magic.Length));
        var cipher = reader.ReadAsciiString();
        var kdf = reader.ReadAsciiString();
        reader.ReadString();
        if (cipher != "none" || kdf != "none")
        {
            throw new FormatException("encrypted private keys are not supported; decrypt with 'ssh-keygen -p -N \"\"' first");
        }

        if (reader.ReadUInt32() != 1)
        {
            throw new FormatException("exactly one key per file is supported");
        }

        var publicBlob = reader.ReadString();
        var section = new SshReader(reader.ReadString());
        if (section.ReadUInt32() != section.ReadUInt32())
        {
            throw new FormatException("private key check integers differ");
        }

        var type = section.ReadAsciiString();
        SshHostKey key = type switch
        {
            Ed25519PublicKey.Name => ReadEd25519(ref section),
            EcdsaCurve.P256Name or EcdsaCurve.P384Name or EcdsaCurve.P521Name => ReadEcdsa(type, ref section),
            RsaPublicKey.Name => ReadRsa(ref section),
            DsaPublicKey.Name => ReadDsa(ref section),
            _ => throw new FormatException($"unsupported private key type '{type}'"),
        };

        if (!key.PublicKeyBlob.Span.SequenceEqual(publicBlob))
        {
            key.Dispose();
            throw new FormatException("private key does not match its public key");
        }

        return key;
    }

    private static Ed25519HostKey ReadEd25519(ref SshReader reader)
    {
        reader.ReadString();
        var secret = reader.ReadString();
        if (secret.Length != 64)
        {
            throw new FormatException("ed25519 private key must be 64 bytes");
        }

        return new Ed25519HostKey(secret[..32]);
    }

    private static EcdsaHostKey ReadEcdsa(string type, ref SshReader reader)
    {
        var curve = EcdsaCurve.ByKeyType(type);
        if (reader.ReadAsciiString() != curve.Identifier)
        {
            throw new FormatException("ECDSA curve does not match the key type");
        }

        reader.ReadString();
        return EcdsaHostKey.FromPrivateScalar(curve, KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
    }

    private static RsaHostKey ReadRsa(ref SshReader reader)
    {
        var n = Big(ref reader);
        var e = Big(ref reader);
        var d = Big(ref reader);
        var iqmp = Big(ref reader);
        var p = Big(ref reader);
        var q = Big(ref reader);
        var one = Org.BouncyCastle.Math.BigInteger.One;
        var crt = new Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters(
            n, e, d, p, q, d.Mod(p.Subtract(one)), d.Mod(q.Subtract(one)), iqmp);
        return new RsaHostKey(RSA.Create(RsaHostKey.ToParameters(crt)));
    }

    private static DsaHostKey ReadDsa(ref SshReader reader)
    {
        var p = Big(ref reader);
        var q = Big(ref reader);
        var g = Big(ref reader);
        Big(ref reader);
        var x = Big(ref reader);
        return new DsaHostKey(new Org.BouncyCastle.Crypto.Parameters.DsaPrivateKeyParameters(
            x, new Org.BouncyCastle.Crypto.Parameters.DsaParameters(p, q, g)));
    }

    private static Org.BouncyCastle.Math.BigInteger Big(ref SshReader reader) =>
        KeyEncoding.ToBigInteger(KeyEncoding.UnsignedFromMpint(reader.ReadMpint()));
}

/// <summary>Lets secrets written into an <see cref="ArrayBufferWriter{T}"/> be wiped.</summary>
internal static class MemoryMarshalHelper
{
    public static Span<byte> AsWritable(ArrayBufferWriter<byte> buffer) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(buffer.WrittenMemory).Span;
}
