using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Device.Snmp;

public enum SnmpAuthProtocol
{
    None,
    Md5,
    Sha1,
}

public enum SnmpPrivProtocol
{
    None,
    Des,
    Aes128,
}

/// <summary>
/// The User-based Security Model's cryptography (RFC 3414): password-to-key and key localization (§A.2), HMAC-MD5-96
/// and HMAC-SHA-96 (§6, §7), CBC-DES privacy (§8) and CFB128-AES-128 privacy (RFC 3826 §3). MD5, SHA-1 and DES are
/// what these RFCs define and what the devices offer; they protect nothing beyond the emulator's own test traffic.
/// </summary>
#pragma warning disable CA5350, CA5351 // Weak algorithms are the protocol (RFC 3414), not a choice.
public static class Usm
{
    /// <summary>Length of msgAuthenticationParameters for both HMAC-96 protocols.</summary>
    public const int AuthParamLength = 12;

    /// <summary>RFC 3414 §A.2: hash 1 MiB of the password repeated, then Kul = H(Ku || engineID || Ku).</summary>
    public static byte[] LocalizedKey(SnmpAuthProtocol protocol, string password, ReadOnlySpan<byte> engineId)
    {
        ArgumentNullException.ThrowIfNull(password);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        if (passwordBytes.Length == 0)
        {
            throw new ArgumentException("an empty password has no key", nameof(password));
        }

        using var hash = IncrementalHash.CreateHash(protocol == SnmpAuthProtocol.Md5 ? HashAlgorithmName.MD5 : HashAlgorithmName.SHA1);
        var block = new byte[64];
        var index = 0;
        for (var count = 0; count < 1_048_576; count += 64)
        {
            for (var i = 0; i < 64; i++)
            {
                block[i] = passwordBytes[index++ % passwordBytes.Length];
            }

            hash.AppendData(block);
        }

        var ku = hash.GetHashAndReset();
        hash.AppendData(ku);
        hash.AppendData(engineId);
        hash.AppendData(ku);
        return hash.GetHashAndReset();
    }

    /// <summary>The first 12 bytes of HMAC over the whole message with the auth parameters zeroed.</summary>
    public static byte[] Authenticate(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var mac = protocol == SnmpAuthProtocol.Md5 ? HMACMD5.HashData(key, message) : HMACSHA1.HashData(key, message);
        return mac[..AuthParamLength];
    }

    /// <summary>Encrypts a scoped PDU; returns the ciphertext and the msgPrivacyParameters (salt).</summary>
    public static (byte[] Cipher, byte[] Salt) Encrypt(SnmpPrivProtocol protocol, ReadOnlySpan<byte> privKey, int boots, int time, ulong saltCounter, ReadOnlySpan<byte> plain)
    {
        var salt = new byte[8];
        if (protocol == SnmpPrivProtocol.Des)
        {
            // §8.1.1.1: salt = engineBoots || a local counter; IV = pre-IV XOR salt.
            BinaryPrimitives.WriteInt32BigEndian(salt, boots);
            BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(4), (uint)saltCounter);
            using var des = DES.Create();
            des.Key = privKey[..8].ToArray();
            var padded = new byte[(plain.Length + 7) / 8 * 8];
            plain.CopyTo(padded);
            return (des.EncryptCbc(padded, DesIv(privKey, salt), PaddingMode.None), salt);
        }

        BinaryPrimitives.WriteUInt64BigEndian(salt, saltCounter);
        return (AesCfb(privKey, AesIv(boots, time, salt), plain, encrypt: true), salt);
    }

    /// <summary>Decrypts a scoped PDU; throws <see cref="CryptographicException"/> when the shape is wrong.</summary>
    public static byte[] Decrypt(SnmpPrivProtocol protocol, ReadOnlySpan<byte> privKey, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> cipher)
    {
        if (salt.Length != 8)
        {
            throw new CryptographicException("msgPrivacyParameters must be 8 bytes");
        }

        if (protocol == SnmpPrivProtocol.Des)
        {
            if (cipher.Length % 8 != 0)
            {
                throw new CryptographicException("DES ciphertext is not a multiple of 8 bytes");
            }

            using var des = DES.Create();
            des.Key = privKey[..8].ToArray();
            return des.DecryptCbc(cipher, DesIv(privKey, salt), PaddingMode.None);
        }

        return AesCfb(privKey, AesIv(boots, time, salt), cipher, encrypt: false);
    }

    private static byte[] DesIv(ReadOnlySpan<byte> privKey, ReadOnlySpan<byte> salt)
    {
        var iv = privKey.Slice(8, 8).ToArray();
        for (var i = 0; i < 8; i++)
        {
            iv[i] ^= salt[i];
        }

        return iv;
    }

    /// <summary>RFC 3826 §3.1.2.1: IV = engineBoots || engineTime || salt.</summary>
    private static byte[] AesIv(int boots, int time, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), time);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }

    /// <summary>CFB with a 128-bit segment over any length (the last block is cut short): built on ECB block encryption.</summary>
    private static byte[] AesCfb(ReadOnlySpan<byte> privKey, byte[] iv, ReadOnlySpan<byte> input, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = privKey[..16].ToArray();
        var output = new byte[input.Length];
        var register = iv;
        var stream = new byte[16];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(register, stream, PaddingMode.None);
            var n = Math.Min(16, input.Length - offset);
            for (var i = 0; i < n; i++)
            {
                output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            }

            register = (encrypt ? (ReadOnlySpan<byte>)output.AsSpan(offset, n) : input.Slice(offset, n)).ToArray();
            if (n < 16)
            {
                break;
            }
        }

        return output;
    }
}
#pragma warning restore CA5350, CA5351
