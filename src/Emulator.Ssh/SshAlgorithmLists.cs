namespace Emulator.Ssh;

/// <summary>The five negotiable algorithm lists of RFC 4253 section 7.1, by wire name, in preference order.</summary>
public sealed record SshAlgorithmLists(
    IReadOnlyList<string> KeyExchange,
    IReadOnlyList<string> HostKey,
    IReadOnlyList<string> Ciphers,
    IReadOnlyList<string> Macs,
    IReadOnlyList<string> Compression)
{
    /// <summary>Modern, safe defaults (no SHA-1, no CBC, no DSA).</summary>
    public static SshAlgorithmLists Default { get; } = new(
        ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
         "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256"],
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"],
        ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"],
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"],
        ["none", "zlib@openssh.com"]);
}
