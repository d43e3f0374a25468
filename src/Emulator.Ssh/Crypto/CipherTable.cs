using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Emulator.Ssh.Crypto;

/// <summary>What a cipher needs from key derivation and how to build it for one direction.</summary>
internal sealed record CipherInfo(string Name, int KeyLength, int IvLength, bool IsAead, Func<byte[], byte[], bool, HmacAlgorithm?, IPacketCipher> Create);

/// <summary>Encryption algorithms by wire name (RFC 4253 6.3, RFC 4344, RFC 5647, OpenSSH PROTOCOL). One entry per name.</summary>
internal static class CipherTable
{
#pragma warning disable CA5350, CA5351 // 3des-cbc exists for old clients; a device profile must ask for it.
    public static readonly FrozenDictionary<string, CipherInfo> ByName = new CipherInfo[]
    {
        new("chacha20-poly1305@openssh.com", 64, 0, true, (key, _, _, _) => new ChaCha20Poly1305Cipher(key)),
        new("aes128-gcm@openssh.com", 16, 12, true, (key, iv, _, _) => new AesGcmCipher(key, iv)),
        new("aes256-gcm@openssh.com", 32, 12, true, (key, iv, _, _) => new AesGcmCipher(key, iv)),
        new("aes128-ctr", 16, 16, false, (key, iv, _, mac) => new BlockCipherWithMac(new CtrMode(Aes.Create(), key, iv), mac!)),
        new("aes192-ctr", 24, 16, false, (key, iv, _, mac) => new BlockCipherWithMac(new CtrMode(Aes.Create(), key, iv), mac!)),
        new("aes256-ctr", 32, 16, false, (key, iv, _, mac) => new BlockCipherWithMac(new CtrMode(Aes.Create(), key, iv), mac!)),
        new("aes128-cbc", 16, 16, false, (key, iv, enc, mac) => new BlockCipherWithMac(new CbcMode(Aes.Create(), key, iv, enc), mac!)),
        new("aes192-cbc", 24, 16, false, (key, iv, enc, mac) => new BlockCipherWithMac(new CbcMode(Aes.Create(), key, iv, enc), mac!)),
        new("aes256-cbc", 32, 16, false, (key, iv, enc, mac) => new BlockCipherWithMac(new CbcMode(Aes.Create(), key, iv, enc), mac!)),
        new("3des-cbc", 24, 8, false, (key, iv, enc, mac) => new BlockCipherWithMac(new CbcMode(TripleDES.Create(), key, iv, enc), mac!)),
    }.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
#pragma warning restore CA5350, CA5351

    /// <summary>Wire names in the order above (strongest first).</summary>
    public static readonly IReadOnlyList<string> Names =
        ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
         "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];
}

/// <summary>A MAC's key length and constructor.</summary>
internal sealed record MacInfo(string Name, int KeyLength, Func<byte[], HmacAlgorithm> Create);

/// <summary>MAC algorithms by wire name (RFC 4253 6.4, RFC 6668, OpenSSH -etm forms).</summary>
internal static class MacTable
{
    private static MacInfo Hmac(string name, HashAlgorithmName hash, int keyLength, int macLength, bool etm) =>
        new(name, keyLength, key => new HmacAlgorithm(hash, key, macLength, etm));

    public static readonly FrozenDictionary<string, MacInfo> ByName = new[]
    {
        Hmac("hmac-sha2-256-etm@openssh.com", HashAlgorithmName.SHA256, 32, 32, true),
        Hmac("hmac-sha2-512-etm@openssh.com", HashAlgorithmName.SHA512, 64, 64, true),
        Hmac("hmac-sha2-256", HashAlgorithmName.SHA256, 32, 32, false),
        Hmac("hmac-sha2-512", HashAlgorithmName.SHA512, 64, 64, false),
        Hmac("hmac-sha1-etm@openssh.com", HashAlgorithmName.SHA1, 20, 20, true),
        Hmac("hmac-sha1", HashAlgorithmName.SHA1, 20, 20, false),
        Hmac("hmac-sha1-96", HashAlgorithmName.SHA1, 20, 12, false),
        Hmac("hmac-md5", HashAlgorithmName.MD5, 16, 16, false),
        Hmac("hmac-md5-96", HashAlgorithmName.MD5, 16, 12, false),
    }.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> Names =
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512",
         "hmac-sha1-etm@openssh.com", "hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96"];
}
