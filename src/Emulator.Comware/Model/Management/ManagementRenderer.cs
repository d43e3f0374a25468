using System.Globalization;
using Emulator.Comware.Auth;

namespace Emulator.Comware.Model.Management;

/// <summary>
/// Canonical <c>display current-configuration</c> text of the system, user and SSH settings. Each method
/// returns blocks; the device puts a <c>#</c> line between blocks. Global commands are indented one
/// space, view headers start at column 0 and their contents are indented one space (two inside a nested view).
/// Only values that differ from the factory default are printed, as on the devices.
/// </summary>
public static class ManagementRenderer
{
    /// <summary>Width of hex lines inside <c>public-key-code begin</c>.</summary>
    public const int KeyCodeWidth = 74;

    /// <summary>Delimiters tried, in order, for a header whose text contains the previous ones.</summary>
    private const string HeaderDelimiters = "%#&$@*!^~";

    /// <summary>The console line as each dialect names it: V5 <c>con 0</c>, V7 (SecPath) <c>aux 0</c>.</summary>
    public static string ConsoleLineName(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? "con 0" : "aux 0";

    /// <summary>Names of the sections of this model, in device order.</summary>
    public static readonly IReadOnlyList<string> SectionNames = ["super", "domain", "password-recovery", "public-key-peer", "local-user", "ssh", "line"];

    /// <summary>
    /// The blocks of one named section (see <see cref="SectionNames"/>). Names let the device interleave other
    /// owners' sections (interfaces, zones, ACLs…) between them.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> RenderSection(string name, ManagementSettings state, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(state);
        return name switch
        {
            "super" => NonEmpty(RenderSuperPasswords(state, dialect)),
            "domain" => state.DefaultDomain is null ? [] : [[" domain default enable " + state.DefaultDomain]],
            "password-recovery" => [[state.PasswordRecovery ? " password-recovery enable" : " undo password-recovery enable"]],
            "public-key-peer" => NonEmpty(RenderPeerKeys(state)),
            "local-user" => RenderLocalUsers(state, dialect),
            "ssh" => NonEmpty(RenderSsh(state)),
            "line" => RenderLines(state, dialect),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown management section."),
        };
    }

    private static IReadOnlyList<IReadOnlyList<string>> NonEmpty(IReadOnlyList<string> lines) => lines.Count == 0 ? [] : [lines];

    /// <summary><c>super password</c> lines.</summary>
    public static IReadOnlyList<string> RenderSuperPasswords(ManagementSettings state, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lines = new List<string>();
        foreach (var (target, stored) in state.SuperPasswords)
        {
            lines.Add(dialect == ComwareDialect.V5
                ? $" super password level {target} cipher {stored}"
                : $" super password role {target} hash {stored}");
        }

        return lines;
    }

    /// <summary>Header banners (kind to text); empty when none is set.</summary>
    public static IReadOnlyList<string> RenderHeaders(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var lines = new List<string>();
        foreach (var kind in HeaderKinds.All)
        {
            if (headers.TryGetValue(kind, out var text))
            {
                var delimiter = HeaderDelimiters.FirstOrDefault(c => !text.Contains(c, StringComparison.Ordinal), '%');
                var rendered = $" header {kind} {delimiter}{text}{delimiter}";
                lines.AddRange(rendered.Split('\n'));
            }
        }

        return lines;
    }

    /// <summary><c>public-key peer</c> blocks (all peers in one block, as nested views).</summary>
    public static IReadOnlyList<string> RenderPeerKeys(ManagementSettings state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lines = new List<string>();
        foreach (var key in state.PeerKeys.Values)
        {
            lines.Add(" public-key peer " + key.Name);
            lines.Add("  public-key-code begin");
            lines.AddRange(PublicKeyCodec.HexLines(key.Der.AsSpan(), KeyCodeWidth).Select(l => "   " + l));
            lines.Add("  public-key-code end");
            lines.Add("  peer-public-key end");
        }

        return lines;
    }

    /// <summary>
    /// <c>local-user</c> views. V5 prints all users in one block; V7 separates each user with <c>#</c>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> RenderLocalUsers(ManagementSettings state, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(state);
        var blocks = state.LocalUsers.Values.Select(u => (IReadOnlyList<string>)RenderLocalUser(u, dialect)).ToList();
        if (dialect == ComwareDialect.V5 && blocks.Count > 1)
        {
            return [blocks.SelectMany(b => b).ToList()];
        }

        return blocks;
    }

    public static List<string> RenderLocalUser(LocalUser user, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lines = new List<string>();
        if (dialect == ComwareDialect.V5)
        {
            lines.Add("local-user " + user.Name);
            if (user.Password is not null)
            {
                lines.Add(" password cipher " + user.Password);
            }

            if (user.Level is { } level)
            {
                lines.Add(" authorization-attribute level " + level.ToString(CultureInfo.InvariantCulture));
            }

            lines.AddRange(ServiceTypeLines(user.Services, dialect));
        }
        else
        {
            lines.Add($"local-user {user.Name} class {user.UserClass}");
            if (user.Password is not null)
            {
                lines.Add(" password hash " + user.Password);
            }

            lines.AddRange(ServiceTypeLines(user.Services, dialect));
            lines.AddRange(user.Roles.Select(r => " authorization-attribute user-role " + r));
        }

        return lines;
    }

    /// <summary>SSH server settings and <c>ssh user</c> lines; empty when everything is default.</summary>
    public static IReadOnlyList<string> RenderSsh(ManagementSettings state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ssh = state.Ssh;
        var lines = new List<string>();
        if (ssh.ServerEnabled)
        {
            lines.Add(" ssh server enable");
        }

        if (ssh.AuthenticationRetries != SshSettings.DefaultAuthenticationRetries)
        {
            lines.Add(" ssh server authentication-retries " + ssh.AuthenticationRetries.ToString(CultureInfo.InvariantCulture));
        }

        if (ssh.AuthenticationTimeout != SshSettings.DefaultAuthenticationTimeout)
        {
            lines.Add(" ssh server authentication-timeout " + ssh.AuthenticationTimeout.ToString(CultureInfo.InvariantCulture));
        }

        if (ssh.SftpServerEnabled)
        {
            lines.Add(" sftp server enable");
        }

        foreach (var user in ssh.Users.Values)
        {
            var line = " ssh user " + user.Name;
            if (user.ServiceType is not null)
            {
                line += " service-type " + user.ServiceType;
            }

            if (user.AuthenticationType is { } type)
            {
                line += " authentication-type " + SshAuthenticationTypes.Keyword(type);
            }

            if (user.PublicKeyName is not null)
            {
                line += " assign publickey " + user.PublicKeyName;
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// User lines: V5 <c>user-interface con 0</c> / <c>user-interface vty 0 4</c>, V7 <c>line con 0</c> /
    /// <c>line vty 0 63</c>; neighbouring VTYs with equal settings share one range header.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> RenderLines(ManagementSettings state, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(state);
        var keyword = dialect == ComwareDialect.V5 ? "user-interface" : "line";
        var views = new List<List<string>>();
        if (dialect == ComwareDialect.V7)
        {
            foreach (var (kind, role) in state.LineClassRoles)
            {
                views.Add(["line class " + kind, " user-role " + role]);
            }
        }

        var console = new List<string> { keyword + " " + ConsoleLineName(dialect) };
        console.AddRange(LineBody(state.Console, LineSettings.Default(LineKind.Console), dialect));
        views.Add(console);
        var vtyDefault = LineSettings.Default(LineKind.Vty);
        var first = 0;
        while (first < state.Vty.Length)
        {
            var last = first;
            while (last + 1 < state.Vty.Length && state.Vty[last + 1] == state.Vty[first])
            {
                last++;
            }

            var view = new List<string>
            {
                first == last
                    ? string.Create(CultureInfo.InvariantCulture, $"{keyword} vty {first}")
                    : string.Create(CultureInfo.InvariantCulture, $"{keyword} vty {first} {last}"),
            };
            view.AddRange(LineBody(state.Vty[first], vtyDefault, dialect));
            views.Add(view);
            first = last + 1;
        }

        // V5 prints all user interfaces in one block; V7 separates each line view with '#'.
        return dialect == ComwareDialect.V5 ? [views.SelectMany(v => v).ToList()] : views;
    }

    /// <summary>The settings lines inside one line view (values that differ from the factory defaults).</summary>
    public static IEnumerable<string> LineBody(LineSettings line, LineSettings factory, ComwareDialect dialect)
    {
        if (line.AuthenticationMode != factory.AuthenticationMode)
        {
            yield return " authentication-mode " + line.AuthenticationMode.ToString().ToLowerInvariant();
        }

        if (dialect == ComwareDialect.V5 && line.PrivilegeLevel != factory.PrivilegeLevel)
        {
            yield return " user privilege level " + line.PrivilegeLevel.ToString(CultureInfo.InvariantCulture);
        }

        if (dialect == ComwareDialect.V7)
        {
            // V7 always prints the line's role, default or not (factory configurations show it).
            yield return " user-role " + line.UserRole;
        }

        if (line.Password is not null)
        {
            yield return (dialect == ComwareDialect.V5 ? " set authentication password cipher " : " set authentication password hash ") + line.Password;
        }

        if (line.ScreenLength != factory.ScreenLength)
        {
            yield return " screen-length " + line.ScreenLength.ToString(CultureInfo.InvariantCulture);
        }

        if (line.IdleTimeout != factory.IdleTimeout)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $" idle-timeout {(int)line.IdleTimeout.TotalMinutes} {line.IdleTimeout.Seconds}");
        }

        if (line.ProtocolInbound != factory.ProtocolInbound)
        {
            yield return " protocol inbound " + line.ProtocolInbound.ToString().ToLowerInvariant();
        }
    }

    private static IEnumerable<string> ServiceTypeLines(UserServices services, ComwareDialect dialect)
    {
        var login = UserServiceNames.Keywords(dialect, services & UserServiceNames.LoginServices).ToList();
        if (login.Count > 0)
        {
            yield return " service-type " + string.Join(' ', login);
        }

        var web = UserServices.Http | UserServices.Https;
        var httpPair = UserServiceNames.Keywords(dialect, services & web).ToList();
        foreach (var keyword in UserServiceNames.Keywords(dialect, services & ~UserServiceNames.LoginServices & ~web))
        {
            yield return " service-type " + keyword;
        }

        if (httpPair.Count > 0)
        {
            yield return " service-type " + string.Join(' ', httpPair);
        }
    }
}
