using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Emulator.Ssh.Kex;

/// <summary>Key-exchange methods by wire name. Instances are stateless, so one per name is shared.</summary>
internal static class KexTable
{
#pragma warning disable CA5350 // SHA-1 methods exist for old clients; a device profile must ask for them.
    public static readonly FrozenDictionary<string, IKeyExchange> ByName = new Dictionary<string, IKeyExchange>
    {
        ["mlkem768x25519-sha256"] = new MlKemHybridKex(),
        ["curve25519-sha256"] = new Curve25519Kex(),
        ["curve25519-sha256@libssh.org"] = new Curve25519Kex(),
        ["ecdh-sha2-nistp256"] = new NistEcdhKex(ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
        ["ecdh-sha2-nistp384"] = new NistEcdhKex(ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
        ["ecdh-sha2-nistp521"] = new NistEcdhKex(ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512),
        ["diffie-hellman-group-exchange-sha256"] = new DhGroupExchangeKex(HashAlgorithmName.SHA256),
        ["diffie-hellman-group16-sha512"] = new DhGroupKex(DhGroups.Modp4096, HashAlgorithmName.SHA512),
        ["diffie-hellman-group18-sha512"] = new DhGroupKex(DhGroups.Modp8192, HashAlgorithmName.SHA512),
        ["diffie-hellman-group14-sha256"] = new DhGroupKex(DhGroups.Modp2048, HashAlgorithmName.SHA256),
        ["diffie-hellman-group14-sha1"] = new DhGroupKex(DhGroups.Modp2048, HashAlgorithmName.SHA1),
        ["diffie-hellman-group-exchange-sha1"] = new DhGroupExchangeKex(HashAlgorithmName.SHA1),
        ["diffie-hellman-group1-sha1"] = new DhGroupKex(DhGroups.Modp1024, HashAlgorithmName.SHA1),
    }.ToFrozenDictionary(StringComparer.Ordinal);
#pragma warning restore CA5350

    /// <summary>Names in preference order (strongest first).</summary>
    public static readonly IReadOnlyList<string> Names =
        ["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384",
         "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
         "diffie-hellman-group14-sha256", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"];

    /// <summary>
    /// Exchanges that cost milliseconds of CPU: finite-field Diffie-Hellman (a 2048- to 8192-bit modular exponentiation,
    /// twice) or an RSA or DSA host-key signature. Elliptic-curve exchanges with Ed25519 or ECDSA keys take about 0.1 ms.
    /// </summary>
    public static bool IsExpensive(string keyExchange, string hostKeyAlgorithm) =>
        keyExchange.StartsWith("diffie-hellman", StringComparison.Ordinal)
        || hostKeyAlgorithm.StartsWith("rsa-", StringComparison.Ordinal)
        || hostKeyAlgorithm is "ssh-rsa" or "ssh-dss";

    /// <summary>Pseudo-algorithms a client puts in its kex list to signal extensions (never negotiated).</summary>
    public const string ExtInfoClient = "ext-info-c";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";

    /// <summary>
    /// Whether a kex-list name only signals an extension (ext-info-c/-s, the strict-KEX markers). Such a name is never
    /// an agreed method, even when a client lists the server's own marker first.
    /// </summary>
    public static bool IsPseudoAlgorithm(string name) =>
        name is ExtInfoClient or "ext-info-s" or StrictKexClient or StrictKexServer;
}
