using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Users;

/// <summary>Which lines a user-interface view configures.</summary>
internal sealed record LineRange(LineKind Kind, int First, int Last);

/// <summary>
/// User lines: V5 <c>user-interface con 0 | vty 0 4</c> (<c>[H3C-ui-vty0-4]</c>), V7 <c>line aux 0 | vty 0 63</c>
/// (<c>[H3C-line-vty0-63]</c>, <c>user-interface</c> accepted as an alias) and <c>line class</c>; their settings.
/// </summary>
internal static class LineCommands
{
    public const string V5View = "user-interface";
    public const string V7View = "line";
    public const string V7ClassView = "line-class";

    public static void Register(CommandRegistry r)
    {
        Telnet.TelnetServerCommands.Register(r);
        r.AddView(new ViewDefinition(V5View, ViewIds.System, "[{0}-ui-{1}]", "User-interface view commands:") { Dialects = Dialects.V5 });
        r.AddView(new ViewDefinition(V7View, ViewIds.System, "[{0}-line-{1}]", "Line view commands:") { Dialects = Dialects.V7 });
        r.AddView(new ViewDefinition(V7ClassView, ViewIds.System, "[{0}-line-class-{1}]", "Line class view commands:") { Dialects = Dialects.V7 });

        r.Add(new CommandDefinition
        {
            Syntax = "user-interface { con console:INTEGER<0-0> | vty first:INTEGER<0-4> [ last:INTEGER<0-4> ] }",
            Help = ["Enter the user interface view", "Console user interface", "Number of the console user interface",
                "Virtual type terminal (VTY) user interface", "Number of the first user interface", "Number of the last user interface"],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            Handler = ctx => EnterLines(ctx, V5View, LineKind.Console),
        });
        foreach (var keyword in new[] { "line", "user-interface" })
        {
            r.Add(new CommandDefinition
            {
                Syntax = keyword + " { aux console:INTEGER<0-0> | vty first:INTEGER<0-63> [ last:INTEGER<0-63> ] }",
                Help = ["Enter one or multiple user line views", "AUX line", "Number of the AUX line",
                    "VTY line", "Number of the first line", "Number of the last line"],
                Dialects = Dialects.V7,
                Level = Levels.Manage,
                Handler = ctx => EnterLines(ctx, V7View, LineKind.Console),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "line class { aux | vty }",
            Help = ["Enter one or multiple user line views", "Specify a line class", "AUX line class", "VTY line class"],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            Handler = ctx =>
            {
                var kind = ctx.Args.Has("aux") ? "aux" : "vty";
                ctx.EnterView(V7ClassView, kind, kind);
                return ValueTask.CompletedTask;
            },
        });

        string[] lineViews = [V5View, V7View];
        Setting(r, lineViews, Dialects.All, "authentication-mode { none | password | scheme }",
            ["Specify the login authentication mode", "Login without authentication", "Password authentication", "Authentication use AAA"],
            "authentication-mode", ["Specify the login authentication mode"],
            (ctx, line, factory) => line with
            {
                AuthenticationMode = ctx.IsUndo ? factory.AuthenticationMode
                    : ctx.Args.Has("none") ? LineAuthenticationMode.None
                    : ctx.Args.Has("password") ? LineAuthenticationMode.Password
                    : LineAuthenticationMode.Scheme,
            });
        Setting(r, lineViews, Dialects.All, "protocol inbound { all | ssh | telnet }",
            ["Set user interface protocol", "Specify the inbound protocol", "All protocols", "SSH protocol", "Telnet protocol"],
            "protocol inbound", ["Set user interface protocol", "Specify the inbound protocol"],
            (ctx, line, factory) => line with
            {
                ProtocolInbound = ctx.IsUndo || ctx.Args.Has("all") ? LineProtocols.All
                    : ctx.Args.Has("ssh") ? LineProtocols.Ssh : LineProtocols.Telnet,
            });
        Setting(r, lineViews, Dialects.All, "idle-timeout minutes:INTEGER<0-35791> [ seconds:INTEGER<0-59> ]",
            ["Specify the connection idle timeout for login user", "Minutes", "Seconds"],
            "idle-timeout", ["Specify the connection idle timeout for login user"],
            (ctx, line, factory) => line with
            {
                IdleTimeout = ctx.IsUndo ? factory.IdleTimeout
                    : TimeSpan.FromMinutes(ctx.Args.GetInt32("minutes")) + TimeSpan.FromSeconds(ctx.Args.GetInt32OrNull("seconds") ?? 0),
            });
        Setting(r, lineViews, Dialects.All, "screen-length lines:INTEGER<0-512>",
            ["Specify the lines displayed on one screen", "Number of lines on a screen (0 means no paging)"],
            "screen-length", ["Specify the lines displayed on one screen"],
            (ctx, line, factory) => line with { ScreenLength = ctx.IsUndo ? factory.ScreenLength : ctx.Args.GetInt32("lines") });
        Setting(r, [V5View], Dialects.V5, "user privilege level level:INTEGER<0-3>",
            ["Specify the login user configuration information", "Specify the privilege of the user", "Specify the level of the user", "User level"],
            "user privilege level", ["Specify the login user configuration information", "Specify the privilege of the user", "Specify the level of the user"],
            (ctx, line, factory) => line with { PrivilegeLevel = ctx.IsUndo ? factory.PrivilegeLevel : ctx.Args.GetInt32("level") });
        Setting(r, [V7View], Dialects.V7, "user-role role:STRING<1-63>",
            ["Specify the user role", "User role name"],
            "user-role [ role:STRING<1-63> ]", ["Specify the user role", "User role name"],
            (ctx, line, factory) => line with { UserRole = ctx.IsUndo ? factory.UserRole : ctx.Args.GetString("role") });

        foreach (var (dialect, view, form) in new[] { (Dialects.V5, V5View, "cipher"), (Dialects.V7, V7View, "hash") })
        {
            r.Add(new CommandDefinition
            {
                Syntax = $"set authentication password {{ {form} | simple }} password:STRING<1-110>",
                Help = ["Set the parameters of authentication", "Specify the authentication parameters", "Specify the password of the user interface",
                    form == "cipher" ? "Ciphertext password" : "Hashed password", "Plaintext password", "Password"],
                Views = [view],
                Dialects = dialect,
                Level = Levels.Manage,
                ExcludeFromHistory = true,
                UndoSyntax = "set authentication password",
                UndoHelp = ["Set the parameters of authentication", "Specify the authentication parameters", "Specify the password of the user interface"],
                Handler = ctx =>
                {
                    var state = ctx.Device.GetState<ManagementState>();
                    var stored = ctx.IsUndo ? null : LocalUserCommands.StoredPassword(ctx, state);
                    if (ctx.IsUndo || stored is not null)
                    {
                        UpdateLines(ctx, (line, _) => line with { Password = stored });
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "user-role role:STRING<1-63>",
            Help = ["Specify the user role", "User role name"],
            Views = [V7ClassView],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            UndoSyntax = "user-role [ role:STRING<1-63> ]",
            UndoHelp = ["Specify the user role", "User role name"],
            Handler = ctx =>
            {
                var kind = (string)ctx.View.State!;
                var role = ctx.IsUndo
                    ? (kind == "aux" ? UserRoles.NetworkAdmin : UserRoles.NetworkOperator)
                    : ctx.Args.GetString("role");
                if (!UserRoles.IsKnownRole(role))
                {
                    ctx.Fail("The user role does not exist.");
                    return ValueTask.CompletedTask;
                }

                ctx.Device.GetState<ManagementState>().Update(s => s with { LineClassRoles = s.LineClassRoles.SetItem(kind, role) });
                return ValueTask.CompletedTask;
            },
        });
    }

    private static ValueTask EnterLines(CommandContext ctx, string view, LineKind console)
    {
        LineRange range;
        string key;
        if (ctx.Args.TryGet<long>("console", out var n))
        {
            range = new LineRange(console, (int)n, (int)n);
            key = (ctx.Dialect == ComwareDialect.V5 ? "con" : "aux") + n.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            // A reversed range names the same lines (vty 3 1 = vty 1 3).
            var a = ctx.Args.GetInt32("first");
            var b = ctx.Args.GetInt32OrNull("last") ?? a;
            var (first, last) = (Math.Min(a, b), Math.Max(a, b));

            range = new LineRange(LineKind.Vty, first, last);
            key = first == last
                ? string.Create(CultureInfo.InvariantCulture, $"vty{first}")
                : string.Create(CultureInfo.InvariantCulture, $"vty{first}-{last}");
        }

        ctx.EnterView(view, key, range);
        return ValueTask.CompletedTask;
    }

    private static void Setting(
        CommandRegistry r, string[] views, Dialects dialects, string syntax, string[] help, string undoSyntax, string[] undoHelp,
        Func<CommandContext, LineSettings, LineSettings, LineSettings> change) =>
        r.Add(new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = views,
            Dialects = dialects,
            Level = Levels.Manage,
            UndoSyntax = undoSyntax,
            UndoHelp = undoHelp,
            Handler = ctx =>
            {
                if (ctx.Args.TryGet<string>("role", out var role) && !ctx.IsUndo && !UserRoles.IsKnownRole(role))
                {
                    ctx.Fail("The user role does not exist.");
                    return ValueTask.CompletedTask;
                }

                UpdateLines(ctx, (line, factory) => change(ctx, line, factory));
                return ValueTask.CompletedTask;
            },
        });

    private static void UpdateLines(CommandContext ctx, Func<LineSettings, LineSettings, LineSettings> change)
    {
        var range = (LineRange)ctx.View.State!;
        var factory = LineSettings.Default(range.Kind);
        ctx.Device.GetState<ManagementState>().Update(s => range.Kind == LineKind.Console
            ? s with { Console = change(s.Console, factory) }
            : s.WithVty(range.First, range.Last, line => change(line, factory)));
    }
}
