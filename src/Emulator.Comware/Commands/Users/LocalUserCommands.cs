using System.Collections.Immutable;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Users;

/// <summary>
/// <c>local-user</c> and its view: password, service-type, level (V5) or user-role (V7); <c>display local-user</c>.
/// </summary>
internal static class LocalUserCommands
{
    public const string View = "local-user";

    private const string V5Services = "{ ssh | telnet | terminal | ftp | lan-access | portal | ppp | web }*";
    private const string V7Services = "{ ssh | telnet | terminal | ftp | http | https | lan-access | portal | ppp }*";

    private static readonly string[] s_v5ServiceHelp =
    [
        "Secure Shell service", "Telnet service", "Terminal service", "FTP service", "LAN access service",
        "Portal service", "PPP service", "Web service",
    ];

    private static readonly string[] s_v7ServiceHelp =
    [
        "Secure Shell service", "Telnet service", "Terminal service", "FTP service", "HTTP service", "HTTPS service",
        "LAN access service", "Portal service", "PPP service",
    ];

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(View, ViewIds.System, "[{0}-luser-{1}]", "Local-user view commands:"));
        r.AddKeywordHelp("local-user", "Add a local user or modify local user attributes");

        r.Add(new CommandDefinition
        {
            Syntax = "local-user name:STRING<1-55>",
            Help = ["", "Local user name"],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            UndoSyntax = "local-user { name:STRING<1-55> | all }",
            UndoHelp = ["", "Local user name", "All local users"],
            Handler = ctx => EnterLocalUser(ctx, ctx.Args.GetStringOrNull("name"), "manage"),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "local-user name:STRING<1-80> [ class { manage | network } ]",
            Help = ["", "Local user name", "Specify the user class", "Device management user", "Network access user"],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            UndoSyntax = "local-user { name:STRING<1-80> [ class { manage | network } ] | all }",
            UndoHelp = ["", "Local user name", "Specify the user class", "Device management user", "Network access user", "All local users"],
            Handler = ctx => EnterLocalUser(ctx, ctx.Args.GetStringOrNull("name"), ctx.Args.Has("network") ? "network" : "manage"),
        });

        r.Add(new CommandDefinition
        {
            Syntax = "password { simple | cipher } password:STRING<1-63>",
            Help = ["Specify the password of the local user", "Plaintext password", "Ciphertext password", "Password"],
            Views = [View],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            ExcludeFromHistory = true,
            UndoSyntax = "password",
            UndoHelp = ["Specify the password of the local user"],
            Handler = SetPassword,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "password { hash | simple } password:STRING<1-110>",
            Help = ["Specify the password of the local user", "Hashed password", "Plaintext password", "Password"],
            Views = [View],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            ExcludeFromHistory = true,
            UndoSyntax = "password",
            UndoHelp = ["Specify the password of the local user"],
            Handler = SetPassword,
        });

        foreach (var (dialect, syntax, help) in new[] { (Dialects.V5, V5Services, s_v5ServiceHelp), (Dialects.V7, V7Services, s_v7ServiceHelp) })
        {
            r.Add(new CommandDefinition
            {
                Syntax = "service-type " + syntax,
                Help = ["Specify the service types of the local user", .. help],
                Views = [View],
                Dialects = dialect,
                Level = Levels.Manage,
                UndoSyntax = "service-type " + syntax,
                UndoHelp = ["Specify the service types of the local user", .. help],
                Handler = SetServices,
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "authorization-attribute level level:INTEGER<0-3>",
            Help = ["Specify the authorization attributes", "Specify the user level", "User level"],
            Views = [View],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            UndoSyntax = "authorization-attribute level",
            UndoHelp = ["Specify the authorization attributes", "Specify the user level"],
            Handler = SetLevel,
        });
        r.Add(new CommandDefinition
        {
            // Older V5 releases configure the level directly; it is the same attribute.
            Syntax = "level level:INTEGER<0-3>",
            Help = ["Specify the user level", "User level"],
            Views = [View],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            UndoSyntax = "level",
            UndoHelp = ["Specify the user level"],
            Handler = SetLevel,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "authorization-attribute user-role role:STRING<1-63>",
            Help = ["Specify the authorization attributes", "Specify a user role", "User role name"],
            Views = [View],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            UndoSyntax = "authorization-attribute user-role role:STRING<1-63>",
            UndoHelp = ["Specify the authorization attributes", "Specify a user role", "User role name"],
            Handler = SetRole,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "display local-user [ user-name name:STRING<1-80> ]",
            Help = ["", "Local user information", "Specify a local user by name", "Local user name"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = Display,
        });
    }

    private static ValueTask EnterLocalUser(CommandContext ctx, string? name, string userClass)
    {
        var state = ctx.Device.GetState<ManagementState>();
        if (ctx.IsUndo)
        {
            state.Update(s => name is null
                ? s with { LocalUsers = s.LocalUsers.Clear() }
                : s with { LocalUsers = s.LocalUsers.Remove(name) });
            return ValueTask.CompletedTask;
        }

        var added = false;
        state.Update(s =>
        {
            added = !s.LocalUsers.ContainsKey(name!);
            return added ? s with { LocalUsers = s.LocalUsers.Add(name!, new LocalUser { Name = name!, UserClass = userClass }) } : s;
        });
        if (added)
        {
            ctx.WriteLine("New local user added.");
        }

        var key = ctx.Dialect == ComwareDialect.V5 ? name! : userClass + "-" + name;
        ctx.EnterView(View, key, name);
        return ValueTask.CompletedTask;
    }

    private static void UpdateUser(CommandContext ctx, Func<LocalUser, LocalUser> change)
    {
        var name = (string)ctx.View.State!;
        ctx.Device.GetState<ManagementState>().Update(s =>
            s.LocalUsers.TryGetValue(name, out var user) ? s with { LocalUsers = s.LocalUsers.SetItem(name, change(user)) } : s);
    }

    private static ValueTask SetPassword(CommandContext ctx)
    {
        var state = ctx.Device.GetState<ManagementState>();
        if (ctx.IsUndo)
        {
            UpdateUser(ctx, u => u with { Password = null });
            return ValueTask.CompletedTask;
        }

        if (StoredPassword(ctx, state) is { } stored)
        {
            UpdateUser(ctx, u => u with { Password = stored });
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The stored form of a <c>simple|cipher|hash</c> password argument, or null after printing the refusal.
    /// V5 <c>cipher</c> takes a ciphertext or, as the device does, a clear text it then encrypts; V7 <c>hash</c>
    /// takes only a well-formed hash.
    /// </summary>
    internal static string? StoredPassword(CommandContext ctx, ManagementState state)
    {
        var text = ctx.Args.GetString("password");
        if (ctx.Args.Has("simple"))
        {
            return state.EncodeSimple(text);
        }

        if (ctx.Args.Has("cipher"))
        {
            return PasswordEncoder.TryDecipher(text, out _) ? text : state.Passwords.Cipher(text);
        }

        if (PasswordEncoder.IsValidHash(text))
        {
            return text;
        }

        ctx.Fail("Invalid ciphertext password.");
        return null;
    }

    private static ValueTask SetServices(CommandContext ctx)
    {
        var services = UserServices.None;
        foreach (var (flag, keyword, _) in UserServiceNames.For(ctx.Dialect))
        {
            if (ctx.Args.Has(keyword))
            {
                services |= flag;
            }
        }

        UpdateUser(ctx, u => u with { Services = ctx.IsUndo ? u.Services & ~services : u.Services | services });
        return ValueTask.CompletedTask;
    }

    private static ValueTask SetLevel(CommandContext ctx)
    {
        var level = ctx.IsUndo ? (int?)null : ctx.Args.GetInt32("level");
        UpdateUser(ctx, u => u with { Level = level });
        return ValueTask.CompletedTask;
    }

    private static ValueTask SetRole(CommandContext ctx)
    {
        var role = ctx.Args.GetString("role");
        if (!UserRoles.IsKnownRole(role))
        {
            ctx.Fail("The user role does not exist.");
            return ValueTask.CompletedTask;
        }

        UpdateUser(ctx, u => u with { Roles = ctx.IsUndo ? u.Roles.Remove(role) : u.Roles.Add(role) });
        return ValueTask.CompletedTask;
    }

    private static ValueTask Display(CommandContext ctx)
    {
        var settings = ctx.Device.GetState<ManagementState>().Current;
        var name = ctx.Args.GetStringOrNull("name");
        IEnumerable<LocalUser> users = name is null
            ? settings.LocalUsers.Values
            : settings.LocalUsers.TryGetValue(name, out var one) ? [one] : ImmutableArray<LocalUser>.Empty;
        ctx.Write(UserDisplays.LocalUsers(ctx.Dialect, users, ctx.Device.Logins.CountOf));
        return ValueTask.CompletedTask;
    }
}
