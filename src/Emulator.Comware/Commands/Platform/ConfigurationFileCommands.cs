using Emulator.Comware.Engine;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>save [force]</c>, <c>reset saved-configuration</c>, <c>display saved-configuration</c> and <c>reboot</c>,
/// with the devices' dialogs. V5 SecPath prints the router-style texts with their leading
/// spaces; V7 the same texts without them. The saved file is the device's startup.cfg.
/// </summary>
internal static class ConfigurationFileCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "save [ safely ] [ force ]",
            Help = ["Save current configuration", "Save the configuration file safely", "Save configuration without confirmation"],
            Views = [ViewIds.Any],
            Level = Levels.Manage,
            Handler = async ctx =>
            {
                if (ctx.Args.Has("force"))
                {
                    await WriteAsync(ctx);
                    return;
                }

                if (await ctx.ConfirmAsync("The current configuration will be written to the device. Are you sure? [Y/N]:"))
                {
                    await SaveDialogAsync(ctx);
                }
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "reset saved-configuration [ backup | main ]",
            Help = ["Reset operation", "Erase the configuration file for next startup", "Backup configuration file", "Main configuration file"],
            Views = [ViewIds.User],
            Level = Levels.Manage,
            Handler = async ctx =>
            {
                if (!await ctx.ConfirmAsync("The saved configuration file will be erased. Are you sure? [Y/N]:"))
                {
                    return;
                }

                await ctx.Device.Services.DeleteStartupConfigurationAsync(ctx.CancellationToken);
                ctx.WriteLine($"Configuration file in {Storage(ctx).TrimEnd('/')} is being cleared.");
                ctx.WriteLine("Please wait .......");
                ctx.WriteLine("Configuration file is cleared.");
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "display saved-configuration",
            Help = ["", "Display the configuration file for next startup"],
            Views = [ViewIds.Any],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                if (ctx.Device.Services.ReadStartupConfiguration() is { } text)
                {
                    ctx.Write(text.EndsWith('\n') ? text : text + "\n");
                }
                else
                {
                    ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The config file does not exist!" : "The startup configuration file does not exist.");
                }

                return ValueTask.CompletedTask;
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "reboot",
            Help = ["Reboot the device"],
            Views = [ViewIds.User],
            Level = Levels.Manage,
            Handler = RebootAsync,
        });
    }

    /// <summary>Storage medium of startup.cfg: the CF card on V5 SecPath boxes, flash on V7.</summary>
    private static string Storage(CommandContext ctx) => ctx.Device.Facts.Hardware.StorageMedium + ":/";

    private static string Lead(CommandContext ctx) => ctx.Dialect == ComwareDialect.V5 ? " " : "";

    /// <summary>The file-name question and the overwrite question, then the write.</summary>
    private static async ValueTask<bool> SaveDialogAsync(CommandContext ctx)
    {
        var startup = Storage(ctx) + "startup.cfg";
        var file = startup;
        var answer = await ctx.ReadLineAsync($"Please input the file name(*.cfg)[{file}]\n(To leave the existing filename unchanged, press the enter key):");
        if (answer is null)
        {
            return false;
        }

        answer = answer.Trim();
        if (answer.Length > 0)
        {
            if (!answer.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase) || answer.Contains(' ', StringComparison.Ordinal))
            {
                ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The file name is invalid(does not end with .cfg)." : "The file name is invalid.");
                return false;
            }

            file = answer.Contains(':', StringComparison.Ordinal) ? answer : Storage(ctx) + answer.TrimStart('/');
        }

        var exists = ctx.Device.Services.ReadStartupConfiguration() is not null && string.Equals(file, startup, StringComparison.OrdinalIgnoreCase);
        if (exists && !await ctx.ConfirmAsync($"{file} exists, overwrite? [Y/N]:"))
        {
            return false;
        }

        await WriteAsync(ctx);
        return true;
    }

    /// <summary>
    /// Writes the running configuration. The device keeps one saved file, so any name given in the dialog
    /// becomes the next-startup file under its startup.cfg storage.
    /// </summary>
    private static async ValueTask WriteAsync(CommandContext ctx)
    {
        var text = ctx.Device.RenderCurrentConfiguration();
        ctx.WriteLine(ctx.Dialect == ComwareDialect.V5 ? " Validating file. Please wait...." : "Validating file. Please wait...");
        await ctx.Device.Services.WriteStartupConfigurationAsync(text, ctx.CancellationToken);
        ctx.WriteLine(Lead(ctx) + "Configuration is saved to device successfully.");
    }

    private static async ValueTask RebootAsync(CommandContext ctx)
    {
        var v5 = ctx.Dialect == ComwareDialect.V5;
        var lead = Lead(ctx);
        ctx.WriteLine(lead + "Start to check configuration with next startup configuration file, please wait.........DONE!");
        var saved = ctx.Device.Services.ReadStartupConfiguration();
        if (saved != ctx.Device.RenderCurrentConfiguration())
        {
            var question = v5
                ? " This command will reboot the device. Current configuration will be lost, save current configuration? [Y/N]:"
                : "Current configuration may be lost after the reboot, save current configuration? [Y/N]:";
            if (await ctx.ConfirmAsync(question) && !await SaveDialogAsync(ctx))
            {
                return;
            }
        }

        if (!await ctx.ConfirmAsync(lead + "This command will reboot the device. Continue? [Y/N]:"))
        {
            return;
        }

        ctx.WriteLine(v5 ? " Reboot device by command." : "Now rebooting, please wait...");
        await ctx.Device.Services.RebootAsync(ctx.CancellationToken);
        ctx.CloseSession();
    }
}
