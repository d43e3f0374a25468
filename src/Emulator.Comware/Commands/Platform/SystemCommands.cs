using Emulator.Comware.Commands.Ssh;
using Emulator.Comware.Commands.Users;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// The system, user and SSH command set: system displays and clock, banners, <c>super</c>, configuration files and
/// reboot, local users, user lines, SSH server and users, public keys; and their configuration sections.
/// </summary>
public sealed class SystemCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        SystemDisplayCommands.Register(registry);
        HeaderCommands.Register(registry);
        SuperCommands.Register(registry);
        ConfigurationFileCommands.Register(registry);
        LocalUserCommands.Register(registry);
        LineCommands.Register(registry);
        SshServerCommands.Register(registry);
        PublicKeyCommands.Register(registry);
        RegisterGlobals(registry);
        foreach (var section in ManagementSection.All())
        {
            registry.AddConfigSection(section);
        }
    }

    /// <summary><c>password-recovery enable</c> and <c>domain default enable</c>, which factory configurations carry.</summary>
    private static void RegisterGlobals(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "password-recovery enable",
            Help = ["Password recovery function", "Enable password recovery"],
            Level = Levels.Manage,
            UndoSyntax = "password-recovery enable",
            UndoHelp = ["Password recovery function", "Enable password recovery"],
            Handler = ctx =>
            {
                var enable = !ctx.IsUndo;
                ctx.Device.GetState<ManagementState>().Update(s => s with { PasswordRecovery = enable });
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "domain default enable name:STRING<1-24>",
            Help = ["Add a domain or modify domain attributes", "Specify the default domain", "Enable the default domain", "Domain name"],
            Level = Levels.Manage,
            UndoSyntax = "domain default enable",
            UndoHelp = ["Add a domain or modify domain attributes", "Specify the default domain", "Enable the default domain"],
            Handler = ctx =>
            {
                var domain = ctx.IsUndo ? null : ctx.Args.GetString("name");
                ctx.Device.GetState<ManagementState>().Update(s => s with { DefaultDomain = domain });
                return ValueTask.CompletedTask;
            },
        });
    }
}
