using System.Collections.Frozen;

namespace Emulator.Device.Profiles;

/// <summary>Algorithm names a profile may use, per KEXINIT list.</summary>
internal static class SshAlgorithmNames
{
    public static FrozenSet<string> KeyExchange { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1",
        "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
        "sntrup761x25519-sha512@openssh.com", "mlkem768x25519-sha256");

    public static FrozenSet<string> HostKey { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa", "ssh-dss");

    public static FrozenSet<string> Ciphers { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
        "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc", "des-cbc");

    public static FrozenSet<string> Macs { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512",
        "hmac-sha1", "hmac-sha1-96", "hmac-md5", "hmac-md5-96");

    public static FrozenSet<string> Compression { get; } = FrozenSet.Create(StringComparer.Ordinal, "none", "zlib", "zlib@openssh.com");
}
