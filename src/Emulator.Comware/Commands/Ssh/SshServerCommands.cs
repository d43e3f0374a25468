using Emulator.Comware.Auth;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Ssh;

/// <summary>
/// SSH server settings and SSH users: <c>ssh server enable</c>, <c>ssh server authentication-retries|-timeout</c>,
/// <c>sftp server enable</c>, <c>ssh user</c>; <c>display ssh server status|session</c>,
/// <c>display ssh user-information</c> (comware-cli.md §5).
/// </summary>
internal static class SshServerCommands
{
    private const string AuthTypes = "authentication-type { password | publickey | password-publickey | any }";

    private static readonly string[] s_authTypeHelp =
        ["Specify the authentication type", "Password authentication", "Public key authentication", "Both password and public key authentication", "Either password or public key authentication"];

    public static void Register(CommandRegistry r)
    {
        r.AddKeywordHelp("ssh", "Specify SSH (secure shell) configuration information");

        r.Add(new CommandDefinition
        {
            Syntax = "ssh server enable",
            Help = ["", "Specify the server attribute", "Enable SSH server function"],
            Level = Levels.Manage,
            UndoSyntax = "ssh server enable",
            UndoHelp = ["", "Specify the server attribute", "Enable SSH server function"],
            Handler = ctx =>
            {
                var enable = !ctx.IsUndo;
                ctx.Device.GetState<ManagementState>().Update(s => s with { Ssh = s.Ssh with { ServerEnabled = enable } });
                if (ctx.Dialect == ComwareDialect.V5)
                {
                    ctx.WriteLine(enable ? "Info: Enable SSH server." : "Info: Disable SSH server.");
                }

                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "ssh server authentication-retries times:INTEGER<1-5>",
            Help = ["", "Specify the server attribute", "Specify the maximum number of authentication attempts", "Maximum number of attempts"],
            Level = Levels.Manage,
            UndoSyntax = "ssh server authentication-retries",
            UndoHelp = ["", "Specify the server attribute", "Specify the maximum number of authentication attempts"],
            Handler = ctx =>
            {
                var times = ctx.IsUndo ? SshSettings.DefaultAuthenticationRetries : ctx.Args.GetInt32("times");
                ctx.Device.GetState<ManagementState>().Update(s => s with { Ssh = s.Ssh with { AuthenticationRetries = times } });
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "ssh server authentication-timeout seconds:INTEGER<1-120>",
            Help = ["", "Specify the server attribute", "Specify the authentication timeout", "Timeout in seconds"],
            Level = Levels.Manage,
            UndoSyntax = "ssh server authentication-timeout",
            UndoHelp = ["", "Specify the server attribute", "Specify the authentication timeout"],
            Handler = ctx =>
            {
                var seconds = ctx.IsUndo ? SshSettings.DefaultAuthenticationTimeout : ctx.Args.GetInt32("seconds");
                ctx.Device.GetState<ManagementState>().Update(s => s with { Ssh = s.Ssh with { AuthenticationTimeout = seconds } });
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "sftp server enable",
            Help = ["Specify SFTP service attribute", "Specify the server attribute", "Enable SFTP server function"],
            Level = Levels.Manage,
            UndoSyntax = "sftp server enable",
            UndoHelp = ["Specify SFTP service attribute", "Specify the server attribute", "Enable SFTP server function"],
            Handler = ctx =>
            {
                var enable = !ctx.IsUndo;
                ctx.Device.GetState<ManagementState>().Update(s => s with { Ssh = s.Ssh with { SftpServerEnabled = enable } });
                return ValueTask.CompletedTask;
            },
        });

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
                    ctx.Write(SshDisplays.ServerSessions(ctx.Dialect, ctx.Device.Services.GetSessions()));
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
