using System.Globalization;
using Emulator.Comware.Commands.Users;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>super password</c> (system view) and <c>super</c> (user view): V5 switches between levels 0-3 with a per-level
/// password, V7 between roles.
/// </summary>
internal static class SuperCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "super password [ level level:INTEGER<1-3> ] { simple | cipher } password:STRING<1-63>",
            Help = ["Set the password used to enter a higher privilege level", "Specify the password", "Specify the privilege level", "Privilege level",
                "Plaintext password", "Ciphertext password", "Password"],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            ExcludeFromHistory = true,
            UndoSyntax = "super password [ level level:INTEGER<1-3> ]",
            UndoHelp = ["Set the password used to enter a higher privilege level", "Specify the password", "Specify the privilege level", "Privilege level"],
            Handler = ctx => SetPassword(ctx, (ctx.Args.GetInt32OrNull("level") ?? Levels.Manage).ToString(CultureInfo.InvariantCulture)),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "super password [ role role:STRING<1-63> ] { hash | simple } password:STRING<1-110>",
            Help = ["Set the password used to switch to a user role", "Specify the password", "Specify the user role", "User role name",
                "Hashed password", "Plaintext password", "Password"],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            ExcludeFromHistory = true,
            UndoSyntax = "super password [ role role:STRING<1-63> ]",
            UndoHelp = ["Set the password used to switch to a user role", "Specify the password", "Specify the user role", "User role name"],
            Handler = ctx => SetPassword(ctx, ctx.Args.GetStringOrNull("role") ?? UserRoles.NetworkAdmin),
        });

        r.Add(new CommandDefinition
        {
            Syntax = "super [ level:INTEGER<0-3> ]",
            Help = ["Switch the user privilege level", "Privilege level to switch to"],
            Views = [ViewIds.User],
            Dialects = Dialects.V5,
            Level = Levels.Visit,
            Handler = ctx => SuperAsync(ctx, (ctx.Args.GetInt32OrNull("level") ?? Levels.Manage).ToString(CultureInfo.InvariantCulture)),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "super [ role:STRING<1-63> ]",
            Help = ["Switch the user role", "User role to switch to"],
            Views = [ViewIds.User],
            Dialects = Dialects.V7,
            Level = Levels.Visit,
            Handler = ctx => SuperAsync(ctx, ctx.Args.GetStringOrNull("role") ?? UserRoles.NetworkAdmin),
        });
    }

    private static ValueTask SetPassword(CommandContext ctx, string target)
    {
        var state = ctx.Device.GetState<ManagementState>();
        if (ctx.Dialect == ComwareDialect.V7 && !UserRoles.IsKnownRole(target))
        {
            ctx.Fail("The user role does not exist.");
            return ValueTask.CompletedTask;
        }

        if (ctx.IsUndo)
        {
            state.Update(s => s with { SuperPasswords = s.SuperPasswords.Remove(target) });
            return ValueTask.CompletedTask;
        }

        if (LocalUserCommands.StoredPassword(ctx, state) is { } stored)
        {
            state.Update(s => s with { SuperPasswords = s.SuperPasswords.SetItem(target, stored) });
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask SuperAsync(CommandContext ctx, string target)
    {
        var v5 = ctx.Dialect == ComwareDialect.V5;
        if (!v5 && !UserRoles.IsKnownRole(target))
        {
            ctx.Fail("The user role does not exist.");
            return;
        }

        var targetLevel = v5 ? int.Parse(target, CultureInfo.InvariantCulture) : UserRoles.LevelOfRole(target);
        var current = ctx.User.EffectiveLevel(ctx.Dialect);
        if (targetLevel > current)
        {
            var stored = ctx.Device.GetState<ManagementState>().Current.SuperPasswords.GetValueOrDefault(target);
            if (stored is null)
            {
                ctx.Fail(v5 ? "% Password is not set." : "The password is not set.");
                return;
            }

            var typed = await ctx.ReadLineAsync(
                v5 ? "Please input the password to change the privilege level, press CTRL_C to abort.\n Password:" : "Password:",
                echo: false);
            if (typed is null)
            {
                return;
            }

            if (!PasswordEncoder.Verify(stored, typed))
            {
                ctx.Fail(v5 ? "% Password is not correct." : "Invalid password.");
                return;
            }
        }

        var user = v5 ? ctx.User with { Level = targetLevel } : ctx.User with { Level = targetLevel, Roles = [target] };
        ctx.ChangeUser(user);
        if (v5)
        {
            ctx.WriteLine($"User privilege level is {targetLevel}, and only those commands can be used ");
            ctx.WriteLine("whose level is equal or less than this.");
            ctx.WriteLine(UserRoles.V5PrivilegeNote);
        }
        else
        {
            ctx.WriteLine($"User privilege role is {target}, and only those commands that authorized to the role can be used.");
        }
    }
}
