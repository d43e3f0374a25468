using System.Collections.Immutable;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Model.Management;

/// <summary>Services a local user may use (<c>service-type</c>); several accumulate.</summary>
[Flags]
public enum UserServices
{
    None = 0,
    Ssh = 1 << 0,
    Telnet = 1 << 1,
    Terminal = 1 << 2,
    Ftp = 1 << 3,
    Web = 1 << 4,
    Http = 1 << 5,
    Https = 1 << 6,
    LanAccess = 1 << 7,
    Portal = 1 << 8,
    Ppp = 1 << 9,
}

/// <summary>Keywords of <see cref="UserServices"/> per dialect, in the order devices print them.</summary>
public static class UserServiceNames
{
    /// <summary>Login services share one <c>service-type</c> line; the others get a line each.</summary>
    public const UserServices LoginServices = UserServices.Ssh | UserServices.Telnet | UserServices.Terminal;

    /// <summary>Every service in print order; V5 prints the keyword itself, V7 its own display name.</summary>
    private static readonly (UserServices Flag, string Keyword, string V7Display, Dialects Dialects)[] s_all =
    [
        (UserServices.Ssh, "ssh", "SSH", Dialects.All),
        (UserServices.Telnet, "telnet", "Telnet", Dialects.All),
        (UserServices.Terminal, "terminal", "Terminal", Dialects.All),
        (UserServices.Ftp, "ftp", "FTP", Dialects.All),
        (UserServices.Http, "http", "HTTP", Dialects.V7),
        (UserServices.Https, "https", "HTTPS", Dialects.V7),
        (UserServices.LanAccess, "lan-access", "LAN access", Dialects.All),
        (UserServices.Portal, "portal", "Portal", Dialects.All),
        (UserServices.Ppp, "ppp", "PPP", Dialects.All),
        (UserServices.Web, "web", "web", Dialects.V5),
    ];

    private static readonly (UserServices Flag, string Keyword, string Display)[] s_v5 =
        [.. s_all.Where(s => s.Dialects.HasFlag(Dialects.V5)).Select(s => (s.Flag, s.Keyword, s.Keyword))];

    private static readonly (UserServices Flag, string Keyword, string Display)[] s_v7 =
        [.. s_all.Where(s => s.Dialects.HasFlag(Dialects.V7)).Select(s => (s.Flag, s.Keyword, s.V7Display))];

    public static IReadOnlyList<(UserServices Flag, string Keyword, string Display)> For(ComwareDialect dialect) =>
        dialect == ComwareDialect.V5 ? s_v5 : s_v7;

    public static UserServices? Parse(ComwareDialect dialect, string keyword)
    {
        foreach (var (flag, name, _) in For(dialect))
        {
            if (string.Equals(name, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>Keywords of the set flags, in device order.</summary>
    public static IEnumerable<string> Keywords(ComwareDialect dialect, UserServices services) =>
        For(dialect).Where(s => (services & s.Flag) != 0).Select(s => s.Keyword);

    /// <summary>How <c>display local-user</c> names the set flags (V5 <c>telnet/web</c>, V7 <c>SSH/Telnet</c>).</summary>
    public static string DisplayList(ComwareDialect dialect, UserServices services)
    {
        var names = For(dialect).Where(s => (services & s.Flag) != 0).Select(s => s.Display).ToList();
        return names.Count == 0 ? "" : string.Join('/', names);
    }
}

/// <summary>
/// One <c>local-user</c>: the SSH layer authenticates against these. <see cref="Password"/> is the stored
/// cipher (V5) or hash (V7) text, never clear text.
/// </summary>
public sealed record LocalUser
{
    public required string Name { get; init; }

    /// <summary>V7 user class: <c>manage</c> (device management) or <c>network</c>.</summary>
    public string UserClass { get; init; } = "manage";

    public string? Password { get; init; }

    public UserServices Services { get; init; }

    /// <summary>V5 <c>authorization-attribute level</c>; null when not configured.</summary>
    public int? Level { get; init; }

    /// <summary>V7 <c>authorization-attribute user-role</c> list; a new user holds <c>network-operator</c>.</summary>
    public ImmutableSortedSet<string> Roles { get; init; } = ImmutableSortedSet.Create(StringComparer.Ordinal, UserRoles.NetworkOperator);

    /// <summary>V5 default command level of a scheme-authenticated user without a configured level.</summary>
    public const int DefaultLevel = 0;
}
