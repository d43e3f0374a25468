using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Comware.Model.Management;

/// <summary>
/// Converts public keys between the DER SubjectPublicKeyInfo that Comware shows as hex
/// (<c>public-key-code</c>, <c>display public-key</c>) and the SSH wire blob that SSH authentication compares.
/// </summary>
public static class PublicKeyCodec
{
    // SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING.
    private static readonly byte[] s_ed25519Prefix = Convert.FromHexString("302A300506032B6570032100");

    /// <summary>SSH blob of a DER SubjectPublicKeyInfo; false when the key is malformed or of an unknown type.</summary>
    public static bool TryDerToSshBlob(ReadOnlySpan<byte> der, out byte[] blob, out string keyType, out int bits)
    {
        blob = [];
        keyType = "";
        bits = 0;
        if (der.Length == s_ed25519Prefix.Length + 32 && der.StartsWith(s_ed25519Prefix))
        {
            keyType = "ssh-ed25519";
            bits = 256;
            var ed = new BlobWriter();
            ed.String(keyType);
            ed.String(der[s_ed25519Prefix.Length..]);
            blob = ed.ToArray();
            return true;
        }

        try
        {
            using (var rsa = RSA.Create())
            {
                if (TryImport(rsa, der))
                {
                    var p = rsa.ExportParameters(false);
                    keyType = "ssh-rsa";
                    bits = rsa.KeySize;
                    blob = Blob(w => { w.String("ssh-rsa"); w.MpInt(p.Exponent!); w.MpInt(p.Modulus!); });
                    return true;
                }
            }

            using (var ecdsa = ECDsa.Create())
            {
                if (TryImport(ecdsa, der))
                {
                    var p = ecdsa.ExportParameters(false);
                    var curve = CurveName(p.Curve);
                    if (curve is null)
                    {
                        return false;
                    }

                    keyType = "ecdsa-sha2-" + curve;
                    bits = ecdsa.KeySize;
                    var point = new byte[1 + p.Q.X!.Length + p.Q.Y!.Length];
                    point[0] = 4;
                    p.Q.X.CopyTo(point, 1);
                    p.Q.Y.CopyTo(point, 1 + p.Q.X.Length);
                    var type = keyType;
                    blob = Blob(w => { w.String(type); w.String(curve); w.String(point); });
                    return true;
                }
            }

            using (var dsa = DSA.Create())
            {
                if (TryImport(dsa, der))
                {
                    var p = dsa.ExportParameters(false);
                    keyType = "ssh-dss";
                    bits = dsa.KeySize;
                    blob = Blob(w => { w.String("ssh-dss"); w.MpInt(p.P!); w.MpInt(p.Q!); w.MpInt(p.G!); w.MpInt(p.Y!); });
                    return true;
                }
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }

        return false;
    }

    /// <summary>DER SubjectPublicKeyInfo of an SSH blob; false when the blob is malformed or of an unknown type.</summary>
    public static bool TrySshBlobToDer(ReadOnlySpan<byte> blob, out byte[] der)
    {
        der = [];
        try
        {
            var reader = new BlobReader(blob.ToArray());
            var type = Encoding.ASCII.GetString(reader.String());
            switch (type)
            {
                case "ssh-rsa":
                    {
                        var e = reader.MpInt();
                        var n = reader.MpInt();
                        using var rsa = RSA.Create();
                        rsa.ImportParameters(new RSAParameters { Exponent = e, Modulus = n });
                        der = rsa.ExportSubjectPublicKeyInfo();
                        return true;
                    }

                case "ssh-dss":
                    {
                        var p = reader.MpInt();
                        var q = reader.MpInt();
                        var g = reader.MpInt();
                        var y = reader.MpInt();
                        using var dsa = DSA.Create();
                        dsa.ImportParameters(new DSAParameters { P = p, Q = q, G = PadLeft(g, p.Length), Y = PadLeft(y, p.Length) });
                        der = dsa.ExportSubjectPublicKeyInfo();
                        return true;
                    }

                case "ssh-ed25519":
                    {
                        var key = reader.String();
                        if (key.Length != 32)
                        {
                            return false;
                        }

                        der = [.. s_ed25519Prefix, .. key];
                        return true;
                    }

                default:
                    if (!type.StartsWith("ecdsa-sha2-", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    var curveName = Encoding.ASCII.GetString(reader.String());
                    var point = reader.String();
                    var curve = curveName switch
                    {
                        "nistp256" => ECCurve.NamedCurves.nistP256,
                        "nistp384" => ECCurve.NamedCurves.nistP384,
                        "nistp521" => ECCurve.NamedCurves.nistP521,
                        _ => (ECCurve?)null,
                    };
                    if (curve is null || point.Length < 3 || point[0] != 4 || (point.Length - 1) % 2 != 0)
                    {
                        return false;
                    }

                    var half = (point.Length - 1) / 2;
                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportParameters(new ECParameters
                        {
                            Curve = curve.Value,
                            Q = new ECPoint { X = point[1..(1 + half)], Y = point[(1 + half)..] },
                        });
                        der = ecdsa.ExportSubjectPublicKeyInfo();
                    }

                    return true;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or PlatformNotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Parses an OpenSSH public key line (<c>ssh-rsa AAAA… comment</c>) or an RFC 4716 block into an SSH blob.</summary>
    public static bool TryParseOpenSshText(string text, out byte[] blob)
    {
        blob = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string base64;
        if (text.Contains("---- BEGIN SSH2 PUBLIC KEY ----", StringComparison.Ordinal))
        {
            var body = new StringBuilder();
            var continued = false;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("----", StringComparison.Ordinal))
                {
                    continue;
                }

                if (continued || line.Contains(':', StringComparison.Ordinal))
                {
                    continued = line.EndsWith('\\');
                    continue;
                }

                body.Append(line);
            }

            base64 = body.ToString();
        }
        else
        {
            var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                return false;
            }

            base64 = parts[1];
        }

        try
        {
            blob = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        return TrySshBlobToDer(blob, out _);
    }

    /// <summary>Hex digits of the key as Comware prints them: upper case, split into lines of <paramref name="width"/> characters.</summary>
    public static IEnumerable<string> HexLines(ReadOnlySpan<byte> der, int width)
    {
        var hex = Convert.ToHexString(der);
        var lines = new List<string>();
        for (var i = 0; i < hex.Length; i += width)
        {
            lines.Add(hex.Substring(i, Math.Min(width, hex.Length - i)));
        }

        return lines;
    }

    private static bool TryImport(AsymmetricAlgorithm algorithm, ReadOnlySpan<byte> der)
    {
        try
        {
            algorithm.ImportSubjectPublicKeyInfo(der, out var read);
            return read == der.Length;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string? CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => "nistp256",
        "1.3.132.0.34" => "nistp384",
        "1.3.132.0.35" => "nistp521",
        _ => null,
    };

    private static byte[] PadLeft(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    private static byte[] Blob(Action<BlobWriter> write)
    {
        var writer = new BlobWriter();
        write(writer);
        return writer.ToArray();
    }

    private sealed class BlobWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public void String(string value) => String(Encoding.ASCII.GetBytes(value));

        public void String(ReadOnlySpan<byte> value)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
            _buffer.Write(length);
            _buffer.Write(value);
        }

        /// <summary>RFC 4251 mpint of an unsigned big-endian magnitude.</summary>
        public void MpInt(ReadOnlySpan<byte> magnitude)
        {
            var start = 0;
            while (start < magnitude.Length && magnitude[start] == 0)
            {
                start++;
            }

            var trimmed = magnitude[start..];
            if (trimmed.Length > 0 && (trimmed[0] & 0x80) != 0)
            {
                String([0, .. trimmed]);
            }
            else
            {
                String(trimmed);
            }
        }

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }

    private sealed class BlobReader(byte[] data)
    {
        private int _offset;

        public byte[] String()
        {
            if (data.Length - _offset < 4)
            {
                throw new FormatException("truncated SSH key blob");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_offset));
            _offset += 4;
            if (length > (uint)(data.Length - _offset))
            {
                throw new FormatException("truncated SSH key blob");
            }

            var value = data.AsSpan(_offset, (int)length).ToArray();
            _offset += (int)length;
            return value;
        }

        public byte[] MpInt()
        {
            var value = String();
            var start = 0;
            while (start < value.Length - 1 && value[start] == 0)
            {
                start++;
            }

            return value[start..];
        }
    }
}
