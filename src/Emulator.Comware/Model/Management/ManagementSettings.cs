using System.Collections.Immutable;

namespace Emulator.Comware.Model.Management;

/// <summary>A <c>public-key peer</c>: a client public key kept as DER SubjectPublicKeyInfo, as Comware keeps it.</summary>
public sealed record PeerPublicKey(string Name, ImmutableArray<byte> Der)
{
    /// <summary>SSH wire blob, or null when the stored DER is not a usable key.</summary>
    public byte[]? SshBlob => PublicKeyCodec.TryDerToSshBlob(Der.AsSpan(), out var blob, out _, out _) ? blob : null;
}

/// <summary>Header banners (<c>header login|motd|shell|incoming|legal</c>).</summary>
public static class HeaderKinds
{
    /// <summary>Kinds in the order devices print them.</summary>
    public static readonly ImmutableArray<string> All = ["incoming", "legal", "login", "motd", "shell"];
}

/// <summary>
/// The user, line and SSH part of the running configuration (the sysname and banners live with the engine):
/// an immutable value, replaced as a whole on every change so readers on other threads (the SSH authenticator)
/// always see a consistent state.
/// </summary>
public sealed record ManagementSettings
{
    public ImmutableSortedDictionary<string, LocalUser> LocalUsers { get; init; } =
        ImmutableSortedDictionary.Create<string, LocalUser>(StringComparer.Ordinal);

    /// <summary><c>super password</c>: target (V5 level "3", V7 role "network-admin") to stored cipher/hash.</summary>
    public ImmutableSortedDictionary<string, string> SuperPasswords { get; init; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, PeerPublicKey> PeerKeys { get; init; } =
        ImmutableSortedDictionary.Create<string, PeerPublicKey>(StringComparer.OrdinalIgnoreCase);

    public required LineSettings Console { get; init; }

    /// <summary>VTY 0..n-1 (V5 SecPath: 0-4; V7: 0-63).</summary>
    public required ImmutableArray<LineSettings> Vty { get; init; }

    public SshSettings Ssh { get; init; } = new();

    /// <summary>V7 <c>line class aux|vty</c> user roles: what the device prints for each class.</summary>
    public ImmutableSortedDictionary<string, string> LineClassRoles { get; init; } =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("aux", UserRoles.NetworkAdmin),
            KeyValuePair.Create("vty", UserRoles.NetworkOperator),
        ]);

    /// <summary><c>password-recovery enable</c> (on by default).</summary>
    public bool PasswordRecovery { get; init; } = true;

    /// <summary><c>domain default enable NAME</c>; null when not set.</summary>
    public string? DefaultDomain { get; init; }

    /// <summary>The state of a device with no configuration at all.</summary>
    public static ManagementSettings Initial(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new ManagementSettings
        {
            Console = LineSettings.Default(LineKind.Console),
            Vty = [.. Enumerable.Repeat(LineSettings.Default(LineKind.Vty), facts.VtyLines)],
        };
    }

    /// <summary>Applies <paramref name="change"/> to the VTYs <paramref name="first"/>..<paramref name="last"/>.</summary>
    public ManagementSettings WithVty(int first, int last, Func<LineSettings, LineSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var builder = Vty.ToBuilder();
        for (var i = first; i <= last; i++)
        {
            builder[i] = change(builder[i]);
        }

        return this with { Vty = builder.MoveToImmutable() };
    }
}
