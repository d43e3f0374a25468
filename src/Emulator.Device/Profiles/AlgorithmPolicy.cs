using Emulator.Ssh;

namespace Emulator.Device.Profiles;

/// <summary>Which SSH algorithms a device offers.</summary>
public enum AlgorithmPolicy
{
    /// <summary>Exactly the model's lists: faithful, so modern clients need the same options as with the real device.</summary>
    Device,

    /// <summary><see cref="SshAlgorithmLists.Default"/> only.</summary>
    Modern,

    /// <summary>The model's lists first, then the modern ones it lacks: any current client connects.</summary>
    DeviceAndModern,
}

public static class AlgorithmPolicies
{
    /// <summary>Host keys a device gets beyond its model's under <see cref="AlgorithmPolicy.Modern"/> and <see cref="AlgorithmPolicy.DeviceAndModern"/>.</summary>
    public static IReadOnlyList<HostKeySpec> ModernHostKeys { get; } =
        [new("ssh-ed25519", 256), new("ecdsa-sha2-nistp256", 256), new("ssh-rsa", 3072)];

    public static bool TryParse(string text, out AlgorithmPolicy policy)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "device":
                policy = AlgorithmPolicy.Device;
                return true;
            case "modern":
                policy = AlgorithmPolicy.Modern;
                return true;
            case "device+modern":
                policy = AlgorithmPolicy.DeviceAndModern;
                return true;
            default:
                policy = default;
                return false;
        }
    }

    public static string ToText(this AlgorithmPolicy policy) => policy switch
    {
        AlgorithmPolicy.Device => "device",
        AlgorithmPolicy.Modern => "modern",
        _ => "device+modern",
    };

    public static SshAlgorithmLists Algorithms(this AlgorithmPolicy policy, SshAlgorithmLists device) => policy switch
    {
        AlgorithmPolicy.Device => device,
        AlgorithmPolicy.Modern => SshAlgorithmLists.Default,
        _ => Union(device, SshAlgorithmLists.Default),
    };

    public static IReadOnlyList<HostKeySpec> HostKeys(this AlgorithmPolicy policy, IReadOnlyList<HostKeySpec> device) => policy switch
    {
        AlgorithmPolicy.Device => device,
        AlgorithmPolicy.Modern => ModernHostKeys,
        _ => [.. device, .. ModernHostKeys.Where(m => !device.Any(d => d.KeyType == m.KeyType))],
    };

    private static SshAlgorithmLists Union(SshAlgorithmLists first, SshAlgorithmLists second) => new(
        Merge(first.KeyExchange, second.KeyExchange),
        Merge(first.HostKey, second.HostKey),
        Merge(first.Ciphers, second.Ciphers),
        Merge(first.Macs, second.Macs),
        Merge(first.Compression, second.Compression));

    private static string[] Merge(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        [.. first, .. second.Where(s => !first.Contains(s, StringComparer.Ordinal))];

    /// <summary>
    /// Smallest group-exchange prime: <c>modern</c> follows OpenSSH's server (2048 bits since 7.0); the device policies
    /// keep RFC 4419's 1024 because the V5 models offer diffie-hellman-group-exchange-sha1 to old clients.
    /// </summary>
    public static int MinimumGroupExchangeBits(this AlgorithmPolicy policy) => policy == AlgorithmPolicy.Modern ? 2048 : 1024;

    /// <summary>
    /// Public-key signature algorithms accepted from users: <c>modern</c> refuses SHA-1 RSA (<c>ssh-rsa</c>) and DSA
    /// signatures, as OpenSSH 8.8+ does; the device policies accept what old device clients send.
    /// </summary>
    public static IReadOnlyList<string> UserSignatureAlgorithms(this AlgorithmPolicy policy) => policy == AlgorithmPolicy.Modern
        ? s_modernUserSignatures
        : s_deviceUserSignatures;

    private static readonly string[] s_modernUserSignatures =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"];

    private static readonly string[] s_deviceUserSignatures = [.. s_modernUserSignatures, "ssh-rsa", "ssh-dss"];
}
