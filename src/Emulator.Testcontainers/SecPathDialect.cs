namespace Emulator.Testcontainers;

/// <summary>Comware generation of a profile: V5 users have privilege levels 0-3, V7 users have roles.</summary>
public enum SecPathDialect
{
    /// <summary>Comware V5 (SecPath F1000-E, F5000-A5, U200-S, ...).</summary>
    V5,

    /// <summary>Comware V7 (SecPath F1000-AI-55, F5000-AI, ...).</summary>
    V7,
}

/// <summary>The dialect of the profiles shipped in the image, so <c>WithProfile("F5000-AI")</c> needs no hint.</summary>
public static class SecPathProfiles
{
    /// <summary>Shipped profiles that run Comware V7; every other shipped profile runs V5.
    /// A test in this repository checks the list against device-profiles/.</summary>
    public static IReadOnlySet<string> ComwareV7 { get; } =
        new HashSet<string>(["F1000-AI-55", "F5000-AI"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The dialect of a shipped profile (V5 unless listed in <see cref="ComwareV7" />).</summary>
    public static SecPathDialect DialectOf(string profile) =>
        ComwareV7.Contains(profile) ? SecPathDialect.V7 : SecPathDialect.V5;

    /// <summary>V5 privilege level for a role: network-admin 3 (manage), network-operator 1 (monitor), level-N as is (at most 3).</summary>
    public static int LevelOf(string role) => role switch
    {
        SecPathUser.NetworkAdmin => 3,
        SecPathUser.NetworkOperator => 1,
        _ when role.StartsWith("level-", StringComparison.Ordinal) && int.TryParse(role.AsSpan(6), out var level) && level >= 0 =>
            Math.Min(level, 3),
        _ => throw new ArgumentException($"Role '{role}' has no Comware V5 privilege level; use network-admin, network-operator or level-0..3.", nameof(role)),
    };
}
