using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Snmp;

/// <summary>
/// The SNMP agent's configuration as in the H3C Network Management and Monitoring Command References (V5 and V7):
/// <c>snmp-agent</c>, <c>sys-info</c>, <c>community</c>, <c>group</c>, <c>usm-user v3</c>, <c>target-host</c>,
/// <c>trap enable</c>; and <c>display snmp-agent community|sys-info|statistics|local-engineid</c>. The agent itself
/// (UDP, BER, USM) lives in the device layer and reads this model.
/// </summary>
public sealed class SnmpCommands : ICommandModule
{
    /// <summary>Between the static routes and the SSH server lines, where V5 and V7 configurations print it.</summary>
    public const int Order = ConfigOrder.Services - 20;

    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var r = registry;
        r.AddKeywordHelp("snmp-agent", "Specify SNMP (Simple Network Management Protocol) configuration information");
        r.AddKeywordHelp("sys-info", "Specify system information of the local SNMP entity");

        r.Add(Setting("snmp-agent", [""], "snmp-agent", [""], (ctx, c) => c.Enabled = !ctx.IsUndo, enables: false));
        r.Add(Setting("snmp-agent sys-info contact text:TEXT<1-200>", ["", "", "Specify the contact information for system maintenance", "Contact information"],
            "snmp-agent sys-info contact", ["", "", "Specify the contact information for system maintenance"],
            (ctx, c) => c.Contact = ctx.IsUndo ? null : ctx.Args.GetString("text")));
        r.Add(Setting("snmp-agent sys-info location text:TEXT<1-200>", ["", "", "Specify the physical location of the device", "Location"],
            "snmp-agent sys-info location", ["", "", "Specify the physical location of the device"],
            (ctx, c) => c.Location = ctx.IsUndo ? null : ctx.Args.GetString("text")));
        string[] versionHelp = ["", "", "Specify the SNMP version", "Enable all SNMP versions", "SNMPv1", "SNMPv2c", "SNMPv3"];
        r.Add(Setting("snmp-agent sys-info version { all | { v1 | v2c | v3 }* }", versionHelp,
            "snmp-agent sys-info version { all | { v1 | v2c | v3 }* }", versionHelp, Version));
        r.Add(Setting("snmp-agent local-engineid id:STRING<10-64>", ["", "Specify the local engine ID", "Engine ID in hexadecimal (5 to 32 octets)"],
            "snmp-agent local-engineid", ["", "Specify the local engine ID"], LocalEngineId));
        r.Add(Setting("snmp-agent trap enable", ["", "Specify trap information", "Enable sending traps"],
            "snmp-agent trap enable", ["", "Specify trap information", "Enable sending traps"],
            (ctx, c) => c.TrapEnabled = !ctx.IsUndo));

        foreach (var (dialects, form, formHelp) in new[]
        {
            (Dialects.V5, "[ cipher ]", new[] { "Specify a ciphertext community name" }),
            (Dialects.V7, "[ simple | cipher ]", new[] { "Specify a plaintext community name", "Specify a ciphertext community name" }),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = $"snmp-agent community {{ read | write }} {form} name:STRING<1-137> [ acl acl:INTEGER<2000-2999> ]",
                Help = ["", "Specify a community", "Read-only access", "Read and write access", .. formHelp, "Community name", "Specify an ACL", "Basic ACL number"],
                Dialects = dialects,
                Level = Levels.Manage,
                UndoSyntax = $"snmp-agent community {form} name:STRING<1-137>",
                UndoHelp = ["", "Specify a community", .. formHelp, "Community name"],
                Handler = ctx => Locked(ctx, Community),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "snmp-agent group { v1 | v2c | v3 } name:STRING<1-32> [ authentication | privacy ] [ acl acl:INTEGER<2000-2999> ]",
            Help = ["", "Specify an SNMP group", "SNMPv1", "SNMPv2c", "SNMPv3", "Group name", "Authentication without privacy", "Authentication with privacy", "Specify an ACL", "Basic ACL number"],
            Level = Levels.Manage,
            UndoSyntax = "snmp-agent group { v1 | v2c | v3 } name:STRING<1-32>",
            UndoHelp = ["", "Specify an SNMP group", "SNMPv1", "SNMPv2c", "SNMPv3", "Group name"],
            Handler = ctx => Locked(ctx, Group),
        });

        foreach (var (dialects, form, formHelp) in new[]
        {
            (Dialects.V5, "[ cipher ]", new[] { "Specify the keys in ciphertext" }),
            (Dialects.V7, "[ simple | cipher ]", new[] { "Specify the keys in plaintext", "Specify the keys in ciphertext" }),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = "snmp-agent usm-user v3 user:STRING<1-32> group:STRING<1-32> " + form +
                    " [ authentication-mode { md5 | sha } auth:STRING<1-137> [ privacy-mode { des56 | aes128 } priv:STRING<1-137> ] ] [ acl acl:INTEGER<2000-2999> ]",
                Help = ["", "Specify an SNMP user", "SNMPv3", "User name", "Group name", .. formHelp,
                    "Specify the authentication algorithm", "HMAC-MD5-96", "HMAC-SHA-96", "Authentication password",
                    "Specify the privacy algorithm", "CBC-DES (56-bit key)", "CFB-AES (128-bit key)", "Privacy password",
                    "Specify an ACL", "Basic ACL number"],
                Dialects = dialects,
                Level = Levels.Manage,
                UndoSyntax = "snmp-agent usm-user v3 user:STRING<1-32> group:STRING<1-32>",
                UndoHelp = ["", "Specify an SNMP user", "SNMPv3", "User name", "Group name"],
                Handler = ctx => Locked(ctx, UsmUser),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "snmp-agent target-host trap address udp-domain host:IPV4 [ udp-port port:INTEGER<1-65535> ] params securityname name:STRING<1-32> [ v1 | v2c | v3 ]",
            Help = ["", "Specify a target host", "Send traps to the host", "Specify the address of the target host", "UDP transport", "IP address of the host",
                "Specify the UDP port of the host", "UDP port number", "Specify parameters", "Specify the security name", "Security name (community or user)", "SNMPv1", "SNMPv2c", "SNMPv3"],
            Level = Levels.Manage,
            UndoSyntax = "snmp-agent target-host trap address udp-domain host:IPV4 params securityname name:STRING<1-32>",
            UndoHelp = ["", "Specify a target host", "Send traps to the host", "Specify the address of the target host", "UDP transport", "IP address of the host",
                "Specify parameters", "Specify the security name", "Security name (community or user)"],
            Handler = ctx => Locked(ctx, TargetHost),
        });

        SnmpDisplayCommands.Register(r);
        r.AddConfigSection(new DelegateConfigSection(Order, (device, writer) =>
        {
            foreach (var line in device.GetState<SnmpAgentConfig>().Render())
            {
                writer.Line(line);
            }
        }));
    }

    private static CommandDefinition Setting(string syntax, string[] help, string undoSyntax, string[] undoHelp, Action<CommandContext, SnmpAgentConfig> apply, bool enables = true) => new()
    {
        Syntax = syntax,
        Help = help,
        Level = Levels.Manage,
        UndoSyntax = undoSyntax,
        UndoHelp = undoHelp,
        Handler = ctx =>
        {
            var config = ctx.Device.GetState<SnmpAgentConfig>();
            apply(ctx, config);
            if (enables && !ctx.IsUndo)
            {
                config.Enabled = true;
            }

            return ValueTask.CompletedTask;
        },
    };

    private static ValueTask Locked(CommandContext ctx, Action<CommandContext, SnmpAgentConfig> apply)
    {
        var config = ctx.Device.GetState<SnmpAgentConfig>();
        apply(ctx, config);
        if (!ctx.IsUndo && !ctx.Failed)
        {
            config.Enabled = true;
        }

        return ValueTask.CompletedTask;
    }

    private static void LocalEngineId(CommandContext ctx, SnmpAgentConfig config)
    {
        if (ctx.IsUndo)
        {
            config.LocalEngineId = null;
            return;
        }

        var id = ctx.Args.GetString("id");
        if (id.Length % 2 != 0 || !id.All(Uri.IsHexDigit))
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "Error: Invalid engine ID." : "Invalid engine ID.");
            return;
        }

        config.LocalEngineId = id.ToUpperInvariant();
    }

    private static void Version(CommandContext ctx, SnmpAgentConfig config)
    {
        var chosen = ctx.Args.Has("all") ? SnmpVersions.All : SnmpVersions.None;
        chosen |= ctx.Args.Has("v1") ? SnmpVersions.V1 : SnmpVersions.None;
        chosen |= ctx.Args.Has("v2c") ? SnmpVersions.V2c : SnmpVersions.None;
        chosen |= ctx.Args.Has("v3") ? SnmpVersions.V3 : SnmpVersions.None;
        config.Versions = ctx.IsUndo ? config.Versions & ~chosen : config.Versions | chosen;
    }

    private static void Community(CommandContext ctx, SnmpAgentConfig config)
    {
        var typed = ctx.Args.GetString("name");
        var cipher = ctx.Args.Has("cipher");
        var secret = typed;
        if (cipher && !PasswordEncoder.TryDecipher(typed, out secret))
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "Error: Invalid ciphertext community name." : "Invalid ciphertext.");
            return;
        }

        if (secret.Length > 32)
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "Error: The community name is too long." : "The community name is too long.");
            return;
        }

        config.Communities.RemoveAll(c => c.Secret == secret);
        if (ctx.IsUndo)
        {
            return;
        }

        var stored = cipher ? typed : ctx.Device.GetState<ManagementState>().Passwords.Cipher(secret);
        config.Communities.Add(new SnmpCommunity(secret, stored, ctx.Args.Has("write"), ctx.Args.GetInt32OrNull("acl"), cipher));
    }

    private static void Group(CommandContext ctx, SnmpAgentConfig config)
    {
        var version = ctx.Args.Has("v1") ? "v1" : ctx.Args.Has("v2c") ? "v2c" : "v3";
        var name = ctx.Args.GetString("name");
        config.Groups.RemoveAll(g => g.Name == name && g.Version == version);
        if (ctx.IsUndo)
        {
            return;
        }

        var level = ctx.Args.Has("privacy") ? SnmpSecurityLevel.Privacy : ctx.Args.Has("authentication") ? SnmpSecurityLevel.Authentication : SnmpSecurityLevel.NoAuthNoPriv;
        config.Groups.Add(new SnmpGroup(name, version, version == "v3" ? level : SnmpSecurityLevel.NoAuthNoPriv, ctx.Args.GetInt32OrNull("acl")));
    }

    private static void UsmUser(CommandContext ctx, SnmpAgentConfig config)
    {
        var name = ctx.Args.GetString("user");
        var group = ctx.Args.GetString("group");
        if (ctx.IsUndo)
        {
            config.Users.RemoveAll(u => u.Name == name && u.Group == group);
            return;
        }

        if (!config.Groups.Exists(g => g.Name == group && g.Version == "v3"))
        {
            // Comware refuses a v3 user of a group that does not exist.
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "Error: The group does not exist." : "The specified group does not exist.");
            return;
        }

        var cipher = ctx.Args.Has("cipher");
        var passwords = ctx.Device.GetState<ManagementState>().Passwords;
        string? authMode = ctx.Args.Has("md5") ? "md5" : ctx.Args.Has("sha") ? "sha" : null;
        string? privMode = ctx.Args.Has("des56") ? "des56" : ctx.Args.Has("aes128") ? "aes128" : null;
        string? auth = null, authCipher = null, priv = null, privCipher = null;
        if (authMode is not null && !Key(ctx, ctx.Args.GetString("auth"), cipher, passwords, out auth, out authCipher))
        {
            return;
        }

        if (privMode is not null && !Key(ctx, ctx.Args.GetString("priv"), cipher, passwords, out priv, out privCipher))
        {
            return;
        }

        config.Users.RemoveAll(u => u.Name == name);
        config.Users.Add(new SnmpUsmUser(name, group, authMode, auth, authCipher, privMode, priv, privCipher, ctx.Args.GetInt32OrNull("acl")));
    }

    private static bool Key(CommandContext ctx, string typed, bool cipher, PasswordEncoder passwords, out string? plain, out string? stored)
    {
        if (!cipher)
        {
            plain = typed;
            stored = passwords.Cipher(typed);
            return true;
        }

        stored = typed;
        if (PasswordEncoder.TryDecipher(typed, out var clear))
        {
            plain = clear;
            return true;
        }

        plain = null;
        ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "Error: Invalid ciphertext key." : "Invalid ciphertext.");
        return false;
    }

    private static void TargetHost(CommandContext ctx, SnmpAgentConfig config)
    {
        var address = ctx.Args.GetIpv4("host");
        var name = ctx.Args.GetString("name");
        config.TrapHosts.RemoveAll(t => t.Address == address && t.SecurityName == name);
        if (ctx.IsUndo)
        {
            return;
        }

        var version = ctx.Args.Has("v2c") ? "v2c" : ctx.Args.Has("v3") ? "v3" : "v1";
        config.TrapHosts.Add(new SnmpTrapHost(address, ctx.Args.GetInt32OrNull("port") ?? SnmpAgentConfig.DefaultTrapPort, name, version));
    }
}
