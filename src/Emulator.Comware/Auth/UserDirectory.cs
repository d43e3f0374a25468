using System.Globalization;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Auth;

/// <summary>What a logged-in user may do: a V5 level (0-3) and, on V7, the roles it holds.</summary>
/// <param name="Level">V5 level, or the V5-equivalent of the V7 roles (see <see cref="UserRoles"/>).</param>
/// <param name="Roles">V7 roles; empty on V5.</param>
public sealed record UserPrivilege(int Level, IReadOnlyList<string> Roles)
{
    /// <summary><c>3</c> on V5; <c>network-admin, network-operator</c> on V7.</summary>
    public string LevelOrRole => Roles.Count == 0
        ? Level.ToString(CultureInfo.InvariantCulture)
        : string.Join(", ", Roles);
}

/// <summary>
/// The user database the SSH layer authenticates against. It reads the device's current configuration on
/// every call, so a user created or changed in the CLI logs in (or is refused) at once, and a reboot that
/// reloads the configuration is seen at once too. Thread-safe: each call works on one immutable snapshot.
/// Call <see cref="ComwareDevice.EnsureBootedAsync"/> before the first login so startup.cfg is loaded.
/// </summary>
public sealed class UserDirectory
{
    private readonly Func<ManagementState> _state;

    /// <summary>The directory of a device's running configuration.</summary>
    public UserDirectory(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _state = device.GetState<ManagementState>;
    }

    /// <summary>A directory over a state outside a device (tests).</summary>
    public UserDirectory(ManagementState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = () => state;
    }

    private ManagementSettings Settings => _state().Current;

    /// <summary>False after <c>undo ssh server enable</c>: new SSH logins are refused.</summary>
    public bool IsSshServerEnabled => Settings.Ssh.ServerEnabled;

    /// <summary>Authentication attempts allowed per connection (<c>ssh server authentication-retries</c>).</summary>
    public int AuthenticationRetries => Settings.Ssh.AuthenticationRetries;

    /// <summary>Time a client has to authenticate (<c>ssh server authentication-timeout</c>).</summary>
    public TimeSpan AuthenticationTimeout => TimeSpan.FromSeconds(Settings.Ssh.AuthenticationTimeout);

    /// <summary>True when at least one VTY accepts SSH (<c>protocol inbound ssh|all</c>).</summary>
    public bool AnyVtyAcceptsSsh => Settings.Vty.Any(v => v.ProtocolInbound != LineProtocols.Telnet);

    /// <summary>Idle timeout of a VTY line (zero: never).</summary>
    public TimeSpan VtyIdleTimeout(int vty)
    {
        var lines = Settings.Vty;
        return vty >= 0 && vty < lines.Length ? lines[vty].IdleTimeout : LineSettings.DefaultIdleTimeout;
    }

    /// <summary>Lines per screen a new session on VTY <paramref name="vty"/> starts with (<c>screen-length</c>; null = no paging).</summary>
    public int? VtyScreenLength(int vty)
    {
        var lines = Settings.Vty;
        var length = vty >= 0 && vty < lines.Length ? lines[vty].ScreenLength : LineSettings.DefaultScreenLength;
        return length == 0 ? null : length;
    }

    /// <summary>
    /// How the user must authenticate over SSH, or null when the user may not log in over SSH at all. An
    /// explicit <c>ssh user</c> entry decides; otherwise a local user with <c>service-type ssh</c> uses its password.
    /// </summary>
    public SshAuthenticationType? GetAuthenticationType(string userName)
    {
        var state = Settings;
        if (state.Ssh.Users.TryGetValue(userName, out var sshUser) && sshUser.AuthenticationType is { } type)
        {
            return type;
        }

        return state.LocalUsers.TryGetValue(userName, out var local) && local.Services.HasFlag(UserServices.Ssh)
            ? SshAuthenticationType.Password
            : null;
    }

    /// <summary>Checks the password of a local user allowed to use <paramref name="service"/>.</summary>
    public bool CheckPassword(string userName, string password, UserServices service = UserServices.Ssh)
    {
        var state = Settings;
        return state.LocalUsers.TryGetValue(userName, out var user)
            && user.Services.HasFlag(service)
            && user.Password is { } stored
            && PasswordEncoder.Verify(stored, password);
    }

    /// <summary>SSH wire blobs of the public keys assigned to the user (<c>ssh user … assign publickey</c>).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetAuthorizedKeys(string userName)
    {
        var state = Settings;
        if (!state.Ssh.Users.TryGetValue(userName, out var sshUser)
            || sshUser.PublicKeyName is not { } keyName
            || !state.PeerKeys.TryGetValue(keyName, out var key)
            || key.SshBlob is not { } blob)
        {
            return [];
        }

        return [blob];
    }

    public bool IsAuthorizedKey(string userName, ReadOnlySpan<byte> publicKeyBlob)
    {
        foreach (var key in GetAuthorizedKeys(userName))
        {
            if (key.Span.SequenceEqual(publicKeyBlob))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The privilege a session of this user starts with. A local user brings its own level (V5) or roles
    /// (V7); a public-key user without a local-user entry gets the VTY's level or role.
    /// </summary>
    public UserPrivilege GetPrivilege(string userName, int vty = 0)
    {
        var state = Settings;
        var dialect = _state().Dialect;
        var line = vty >= 0 && vty < state.Vty.Length ? state.Vty[vty] : LineSettings.Default(LineKind.Vty);
        if (state.LocalUsers.TryGetValue(userName, out var user))
        {
            return dialect == ComwareDialect.V5
                ? new UserPrivilege(user.Level ?? LocalUser.DefaultLevel, [])
                : new UserPrivilege(UserRoles.LevelOfRoles(user.Roles), [.. user.Roles]);
        }

        return dialect == ComwareDialect.V5
            ? new UserPrivilege(line.PrivilegeLevel, [])
            : new UserPrivilege(UserRoles.LevelOfRole(line.UserRole), [line.UserRole]);
    }

    /// <summary>The CLI identity of a new session of this user on VTY <paramref name="vty"/>.</summary>
    public CliUser CreateCliUser(string userName, string remoteAddress, int vty)
    {
        var privilege = GetPrivilege(userName, vty);
        return new CliUser(userName, privilege.Level, privilege.Roles, remoteAddress) { Line = "VTY " + vty.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>V5 level or V7 role list as a string (<c>3</c>, <c>network-admin</c>).</summary>
    public string GetLevelOrRole(string userName) => GetPrivilege(userName).LevelOrRole;

    /// <summary>
    /// Checks a <c>super</c> password for a target level (V5, "3") or role (V7, "network-admin").
    /// Null when no password is configured for that target.
    /// </summary>
    public bool? CheckSuperPassword(string target, string password)
    {
        var state = Settings;
        return state.SuperPasswords.TryGetValue(target, out var stored) ? PasswordEncoder.Verify(stored, password) : null;
    }
}
