namespace Emulator.Device.Profiles;

/// <summary>Facts about SSH host key types that profiles and key files need.</summary>
public static class HostKeyTypes
{
    public static IReadOnlyList<string> All { get; } =
        ["ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-ed25519"];

    public static bool IsKnown(string keyType) => All.Contains(keyType, StringComparer.Ordinal);

    /// <summary>OpenSSH's file name part: ssh_host_&lt;kind&gt;_key. ECDSA curves other than P-256 get their own file.</summary>
    public static string FileKind(string keyType) => keyType switch
    {
        "ssh-rsa" => "rsa",
        "ssh-dss" => "dsa",
        "ecdsa-sha2-nistp256" => "ecdsa",
        "ecdsa-sha2-nistp384" => "ecdsa384",
        "ecdsa-sha2-nistp521" => "ecdsa521",
        "ssh-ed25519" => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "unknown host key type"),
    };

    /// <summary>Default size when a profile gives none.</summary>
    public static int DefaultBits(string keyType) => keyType switch
    {
        "ssh-rsa" => 2048,
        "ssh-dss" => 1024,
        "ecdsa-sha2-nistp384" => 384,
        "ecdsa-sha2-nistp521" => 521,
        _ => 256,
    };

    /// <summary>Null when <paramref name="bits"/> suits the type, otherwise what is allowed.</summary>
    public static string? CheckBits(string keyType, int bits) => keyType switch
    {
        // OpenSSH clients refuse RSA keys under 1024 bits; Comware V7 creates up to 4096 (V5: 2048).
        "ssh-rsa" when bits < 1024 || bits > 8192 || bits % 8 != 0 => "a multiple of 8 from 1024 to 8192",
        "ssh-dss" when bits != 1024 => "1024 (DSA keys are always 1024 bits in SSH)",
        "ecdsa-sha2-nistp256" or "ssh-ed25519" when bits != 256 => "256",
        "ecdsa-sha2-nistp384" when bits != 384 => "384",
        "ecdsa-sha2-nistp521" when bits != 521 => "521",
        _ => null,
    };

    /// <summary>The key type that can sign with host-key algorithm <paramref name="algorithm"/>.</summary>
    public static string? KeyTypeFor(string algorithm) => algorithm switch
    {
        "ssh-rsa" or "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        "ssh-dss" => "ssh-dss",
        "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" or "ssh-ed25519" => algorithm,
        _ => null,
    };
}
