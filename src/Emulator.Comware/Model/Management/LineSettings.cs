namespace Emulator.Comware.Model.Management;

public enum LineAuthenticationMode
{
    None,
    Password,
    Scheme,
}

public enum LineProtocols
{
    All,
    Ssh,
    Telnet,
}

public enum LineKind
{
    Console,
    Vty,
}

/// <summary>
/// Settings of one user line (V5 <c>user-interface</c>, V7 <c>line</c>). The configuration keeps one record
/// per line; the renderer folds neighbouring VTYs with equal settings into ranges as devices print them.
/// </summary>
public sealed record LineSettings
{
    public LineAuthenticationMode AuthenticationMode { get; init; }

    public LineProtocols ProtocolInbound { get; init; } = LineProtocols.All;

    /// <summary><c>idle-timeout minutes seconds</c>; zero means never.</summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultIdleTimeout;

    /// <summary>V5 <c>user privilege level</c> (for password/none modes and public-key users).</summary>
    public int PrivilegeLevel { get; init; }

    /// <summary>V7 <c>user-role</c> of the line.</summary>
    public string UserRole { get; init; } = UserRoles.NetworkOperator;

    /// <summary>Lines of a screen before <c>---- More ----</c>; 0 disables paging.</summary>
    public int ScreenLength { get; init; } = DefaultScreenLength;

    /// <summary><c>set authentication password</c> in stored (cipher/hash) form.</summary>
    public string? Password { get; init; }

    public const int DefaultScreenLength = 24;

    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Factory settings of a line kind in a dialect.</summary>
    public static LineSettings Default(LineKind kind) => kind == LineKind.Console
        ? new LineSettings { AuthenticationMode = LineAuthenticationMode.None, PrivilegeLevel = UserRoles.Manage, UserRole = UserRoles.NetworkAdmin }
        : new LineSettings { AuthenticationMode = LineAuthenticationMode.Password, PrivilegeLevel = UserRoles.Visit, UserRole = UserRoles.NetworkOperator };
}
