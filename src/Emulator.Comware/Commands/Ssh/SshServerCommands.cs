using Emulator.Comware.Auth;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Ssh;

/// <summary>
/// SSH server settings and SSH users: <c>ssh server enable</c>, <c>ssh server authentication-retries|-timeout</c>,
/// <c>sftp server enable</c>, <c>ssh user</c>; <c>display ssh server status|session</c>,
/// <c>display ssh user-information</c>.
/// </summary>
internal static class SshServerCommands
{
    private const string AuthTypes = "authentication-type { password | publickey | password-publickey | any }";

    private static readonly string[] s_authTypeHelp =
        ["Specify the authentication type", "Password authentication", "Public key authentication", "Both password and public key authentication", "Either password or public key authentication"];

    public static void Register(CommandRegistry r)
    {
        r.AddKeywordHelp("ssh", "Specify SSH (secure shell) configuration information");

        r.Add(ServerSetting(
            "ssh server enable",
            ["", "Specify the server attribute", "Enable SSH server function"],
            (ctx, ssh) => ssh with { ServerEnabled = !ctx.IsUndo },
            ctx =>
            {
                if (ctx.Dialect == ComwareDialect.V5)
                {
                    ctx.WriteLine(ctx.IsUndo ? "Info: Disable SSH server." : "Info: Enable SSH server.");
                }
            }));
        r.Add(ServerSetting(
            "ssh server authentication-retries times:INTEGER<1-5>",
            ["", "Specify the server attribute", "Specify the maximum number of authentication attempts", "Maximum number of attempts"],
            (ctx, ssh) => ssh with { AuthenticationRetries = ctx.IsUndo ? SshSettings.DefaultAuthenticationRetries : ctx.Args.GetInt32("times") }));
        r.Add(ServerSetting(
            "ssh server authentication-timeout seconds:INTEGER<1-120>",
            ["", "Specify the server attribute", "Specify the authentication timeout", "Timeout in seconds"],
            (ctx, ssh) => ssh with { AuthenticationTimeout = ctx.IsUndo ? SshSettings.DefaultAuthenticationTimeout : ctx.Args.GetInt32("seconds") }));
        r.Add(ServerSetting(
            "sftp server enable",
            ["Specify SFTP service attribute", "Specify the server attribute", "Enable SFTP server function"],
            (ctx, ssh) => ssh with { SftpServerEnabled = !ctx.IsUndo }));

        foreach (var (dialects, services, serviceHelp) in new[]
        {
            (Dialects.V5, "{ all | sftp | stelnet }", new[] { "All service types", "Secure FTP service", "Secure Telnet service" }),
            (Dialects.V7, "{ all | netconf | scp | sftp | stelnet }", new[] { "All service types", "NETCONF over SSH service", "Secure copy service", "Secure FTP service", "Secure Telnet service" }),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = $"ssh user name:STRING<1-80> {{ service-type {services} | {AuthTypes} | assign publickey key:STRING<1-64> }}*",
                Help = ["", "Specify the SSH user", "SSH user name", "Specify the service type", .. serviceHelp, .. s_authTypeHelp,
                    "Assign a public key to the user", "Specify a public key", "Name of the peer public key"],
                Dialects = dialects,
                Level = Levels.Manage,
                UndoSyntax = "ssh user name:STRING<1-80> [ assign publickey ]",
                UndoHelp = ["", "Specify the SSH user", "SSH user name", "Assign a public key to the user", "Specify a public key"],
                Handler = SshUser,
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "display ssh server { status | session }",
            Help = ["", "", "SSH server information", "SSH server status", "SSH server session"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                if (ctx.Args.Has("status"))
                {
                    ctx.Write(SshDisplays.ServerStatus(ctx.Dialect, ctx.Device.GetState<ManagementState>().Current.Ssh));
                }
                else
                {
                    ctx.Write(SshDisplays.ServerSessions(ctx.Dialect, ctx.Device.LoginSessions()));
                }

                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "display ssh user-information [ name:STRING<1-80> ]",
            Help = ["", "", "SSH user information", "SSH user name"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                var users = ctx.Device.GetState<ManagementState>().Current.Ssh.Users;
                var name = ctx.Args.GetStringOrNull("name");
                if (name is not null && !users.ContainsKey(name))
                {
                    ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The SSH user does not exist." : "The SSH user does not exist.");
                    return ValueTask.CompletedTask;
                }

                ctx.Write(SshDisplays.UserInformation(ctx.Dialect, name is null ? [.. users.Values] : [users[name]]));
                return ValueTask.CompletedTask;
            },
        });
    }


    /// <summary>
    /// A manage-level SSH server setting. Its undo form is the syntax's keywords (the value dropped) and restores the
    /// default; <paramref name="apply"/> (pure: it may be retried) sees <see cref="CommandContext.IsUndo"/> to know which.
    /// <paramref name="report"/> prints what the device says once the setting is stored.
    /// </summary>
    private static CommandDefinition ServerSetting(
        string syntax, string[] help, Func<CommandContext, SshSettings, SshSettings> apply, Action<CommandContext>? report = null)
    {
        var keywords = syntax.Split(' ').TakeWhile(word => !word.Contains(':', StringComparison.Ordinal)).ToArray();
        return new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Level = Levels.Manage,
            UndoSyntax = string.Join(' ', keywords),
            UndoHelp = help[..keywords.Length],
            Handler = ctx =>
            {
                ctx.Device.GetState<ManagementState>().Update(s => s with { Ssh = apply(ctx, s.Ssh) });
                report?.Invoke(ctx);
                return ValueTask.CompletedTask;
            },
        };
    }
    private static ValueTask SshUser(CommandContext ctx)
    {
        var name = ctx.Args.GetString("name");
        var state = ctx.Device.GetState<ManagementState>();
        if (ctx.IsUndo)
        {
            var keyOnly = ctx.Args.Has("assign");
            state.Update(s => s with
            {
                Ssh = s.Ssh with
                {
                    Users = keyOnly && s.Ssh.Users.TryGetValue(name, out var user)
                        ? s.Ssh.Users.SetItem(name, user with { PublicKeyName = null })
                        : s.Ssh.Users.Remove(name),
                },
            });
            return ValueTask.CompletedTask;
        }

        var service = KeywordAfter(ctx.Args, "service-type");
        var type = KeywordAfter(ctx.Args, "authentication-type") is { } keyword ? SshAuthenticationTypes.Parse(keyword) : null;
        var key = ctx.Args.GetStringOrNull("key");
        state.Update(s =>
        {
            var user = s.Ssh.Users.TryGetValue(name, out var existing) ? existing : new SshUser { Name = name };
            user = user with
            {
                ServiceType = service ?? user.ServiceType,
                AuthenticationType = type ?? user.AuthenticationType,
                PublicKeyName = key ?? user.PublicKeyName,
            };
            return s with { Ssh = s.Ssh with { Users = s.Ssh.Users.SetItem(name, user) } };
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>The keyword matched right after <paramref name="keyword"/> (the choice it introduces).</summary>
    private static string? KeywordAfter(CommandArguments args, string keyword)
    {
        var values = args.Values;
        for (var i = 0; i < values.Count - 1; i++)
        {
            if (values[i].Key == keyword && values[i + 1].Value is MatchedKeyword next)
            {
                return next.Word;
            }
        }

        return null;
    }
}
