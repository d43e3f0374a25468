using System.Collections.Frozen;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Kex;

namespace Emulator.Ssh;

/// <summary>The five kinds of negotiable algorithms (RFC 4253 7.1).</summary>
public enum SshAlgorithmKind
{
    KeyExchange,
    HostKey,
    Cipher,
    Mac,
    Compression,
}

/// <summary>
/// Every algorithm this SSH implementation supports, per kind, strongest first. Device profiles validate their
/// algorithm lists against it; <see cref="SshAlgorithmLists.Default"/> is a modern subset.
/// </summary>
public static class SshAlgorithmCatalog
{
    private static readonly FrozenDictionary<SshAlgorithmKind, IReadOnlyList<string>> s_names = new Dictionary<SshAlgorithmKind, IReadOnlyList<string>>
    {
        [SshAlgorithmKind.KeyExchange] = KexTable.Names,
        [SshAlgorithmKind.HostKey] = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"],
        [SshAlgorithmKind.Cipher] = CipherTable.Names,
        [SshAlgorithmKind.Mac] = MacTable.Names,
        [SshAlgorithmKind.Compression] = CompressionTable.Names,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<SshAlgorithmKind, FrozenSet<string>> s_sets =
        s_names.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>All supported algorithms as lists (what a maximally permissive server would offer).</summary>
    public static SshAlgorithmLists All { get; } = new(
        s_names[SshAlgorithmKind.KeyExchange], s_names[SshAlgorithmKind.HostKey], s_names[SshAlgorithmKind.Cipher],
        s_names[SshAlgorithmKind.Mac], s_names[SshAlgorithmKind.Compression]);

    /// <summary>Supported wire names of one kind, strongest first.</summary>
    public static IReadOnlyList<string> Names(SshAlgorithmKind kind) => s_names[kind];

    public static bool IsSupported(SshAlgorithmKind kind, string name) => name is not null && s_sets[kind].Contains(name);

    /// <summary>Names in <paramref name="lists"/> this implementation does not support, as "kind: name" (empty when all are valid).</summary>
    public static IReadOnlyList<string> FindUnsupported(SshAlgorithmLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var bad = new List<string>();
        void Check(SshAlgorithmKind kind, IReadOnlyList<string> names) =>
            bad.AddRange(names.Where(n => !IsSupported(kind, n)).Select(n => $"{kind}: {n}"));
        Check(SshAlgorithmKind.KeyExchange, lists.KeyExchange);
        Check(SshAlgorithmKind.HostKey, lists.HostKey);
        Check(SshAlgorithmKind.Cipher, lists.Ciphers);
        Check(SshAlgorithmKind.Mac, lists.Macs);
        Check(SshAlgorithmKind.Compression, lists.Compression);
        return bad;
    }
}
