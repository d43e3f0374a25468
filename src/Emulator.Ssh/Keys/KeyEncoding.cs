using System.Buffers;
using System.Security.Cryptography;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Keys;

/// <summary>Small helpers shared by the key families: mpint conversion and blob building.</summary>
internal static class KeyEncoding
{
    /// <summary>An mpint's bytes as an unsigned big-endian magnitude; negative values are rejected.</summary>
    public static byte[] UnsignedFromMpint(ReadOnlySpan<byte> mpint)
    {
        if (!mpint.IsEmpty && (mpint[0] & 0x80) != 0)
        {
            throw new FormatException("negative mpint in key");
        }

        var start = 0;
        while (start < mpint.Length && mpint[start] == 0)
        {
            start++;
        }

        return mpint[start..].ToArray();
    }

    /// <summary>Left-pads (or strips leading zeros of) a big-endian magnitude to exactly <paramref name="length"/> bytes.</summary>
    public static byte[] FixedLength(ReadOnlySpan<byte> magnitude, int length)
    {
        var start = 0;
        while (magnitude.Length - start > length && magnitude[start] == 0)
        {
            start++;
        }

        var trimmed = magnitude[start..];
        if (trimmed.Length > length)
        {
            throw new FormatException("integer too large for its field");
        }

        var result = new byte[length];
        trimmed.CopyTo(result.AsSpan(length - trimmed.Length));
        return result;
    }

    public static Org.BouncyCastle.Math.BigInteger ToBigInteger(ReadOnlySpan<byte> unsignedBigEndian) =>
        new(1, unsignedBigEndian.ToArray());

    public static byte[] FromBigInteger(Org.BouncyCastle.Math.BigInteger value) => value.ToByteArrayUnsigned();

    /// <summary>Builds a blob with a writer callback into a fresh array (keys and signatures are built rarely).</summary>
    public static byte[] Build<TState>(TState state, WriteAction<TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new SshWriter(buffer);
        write(ref writer, state);
        return buffer.WrittenSpan.ToArray();
    }

    public delegate void WriteAction<in TState>(ref SshWriter writer, TState state);

    /// <summary>The signature blob: string algorithm, string signature.</summary>
    public static byte[] SignatureBlob(string algorithm, ReadOnlySpan<byte> signature)
    {
        var buffer = new ArrayBufferWriter<byte>(signature.Length + algorithm.Length + 8);
        var writer = new SshWriter(buffer);
        writer.WriteString(algorithm);
        writer.WriteString(signature);
        return buffer.WrittenSpan.ToArray();
    }

    public static HashAlgorithmName HashForEcdsaBits(int bits) => bits switch
    {
        <= 256 => HashAlgorithmName.SHA256,
        <= 384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
