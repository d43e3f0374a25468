using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Files;

/// <summary>
/// SFTP and SCP server settings (H3C Comware 5.20 and Comware 7 Security Command References, "SSH commands"): the SFTP
/// server is disabled by default on both (<c>sftp server enable</c>, kept with the SSH server settings in
/// <c>Model/Management/SshSettings</c>), its idle timeout is 10 minutes
/// (<c>sftp server idle-timeout 1-35791</c>); V7 has <c>scp server enable</c> (disabled by default); V5 has no such
/// command: its SCP server runs with the SSH server.
/// </summary>
public sealed class TransferServerSettings
{
    /// <summary>Minutes; 10 by default.</summary>
    public int SftpIdleTimeoutMinutes { get; set; } = DefaultIdleTimeoutMinutes;

    public bool ScpEnabled { get; set; }

    public const int DefaultIdleTimeoutMinutes = 10;
}

internal static class TransferServerCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "sftp server idle-timeout minutes:INTEGER<1-35791>",
            Help = ["Specify SFTP service attribute", "Specify the server attribute", "Specify the idle timeout period", "Timeout value in minutes"],
            UndoSyntax = "sftp server idle-timeout",
            UndoHelp = ["Specify SFTP service attribute", "Specify the server attribute", "Specify the idle timeout period"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                ctx.Device.GetState<TransferServerSettings>().SftpIdleTimeoutMinutes =
                    ctx.IsUndo ? TransferServerSettings.DefaultIdleTimeoutMinutes : ctx.Args.GetInt32("minutes");
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "scp server enable",
            Help = ["Specify SCP service attribute", "Specify the SCP server", "Enable SCP server"],
            UndoSyntax = "scp server enable",
            UndoHelp = ["Specify SCP service attribute", "Specify the SCP server", "Enable SCP server"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = ctx =>
            {
                ctx.Device.GetState<TransferServerSettings>().ScpEnabled = !ctx.IsUndo;
                return ValueTask.CompletedTask;
            },
        });
        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Services + 20, (device, w) =>
        {
            var s = device.GetState<TransferServerSettings>();
            var any = false;
            if (s.SftpIdleTimeoutMinutes != TransferServerSettings.DefaultIdleTimeoutMinutes)
            {
                w.Line(" sftp server idle-timeout " + s.SftpIdleTimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
                any = true;
            }

            if (s.ScpEnabled && device.Facts.Dialect == ComwareDialect.V7)
            {
                w.Line(" scp server enable");
                any = true;
            }

            if (any)
            {
                w.Separator();
            }
        }));
    }
}
