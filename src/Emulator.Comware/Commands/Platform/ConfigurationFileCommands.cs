using Emulator.Comware.Engine;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// Configuration files on the device's storage (H3C Comware 5.20 and Comware 7 Fundamentals Command References,
/// "Configuration file management commands"): <c>save [safely] [backup|main] [force]</c> and <c>save FILE</c>,
/// <c>startup saved-configuration FILE [backup|main]</c>, <c>reset saved-configuration</c>, <c>display
/// saved-configuration</c>, <c>display startup</c> and <c>reboot</c>, with the devices' dialogs. V5 SecPath prints the
/// router-style texts with their leading spaces; V7 the same texts without them. The main and backup startup files are
/// kept in the storage's <see cref="BootSettings"/>; the device boots the main one, else the backup.
/// </summary>
internal static class ConfigurationFileCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "save [ safely ] [ backup | main ] [ force ]",
            Help = ["Save current configuration", "Save the configuration file safely", "Save as the backup startup configuration file",
                "Save as the main startup configuration file", "Save configuration without confirmation"],
            Views = [ViewIds.Any],
            Level = Levels.Manage,
            Handler = async ctx =>
            {
                var backup = ctx.Args.Has("backup");
                if (ctx.Args.Has("force"))
                {
                    await WriteStartupAsync(ctx, Startup(ctx, backup), backup);
                    return;
                }

                if (await ctx.ConfirmAsync("The current configuration will be written to the device. Are you sure? [Y/N]:"))
                {
                    await SaveDialogAsync(ctx, backup);
                }
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "save file:STRING<5-255>",
            Help = ["Save current configuration", "Name of the file, ending in .cfg"],
            Views = [ViewIds.Any],
            Level = Levels.Manage,
            Handler = SaveFileAsync,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "startup saved-configuration file:STRING<5-255> [ backup | main ]",
            Help = ["Specify system startup parameters", "Specify the configuration file for next startup", "Name of the file, ending in .cfg",
                "Backup configuration file", "Main configuration file"],
            UndoSyntax = "startup saved-configuration",
            UndoHelp = ["Specify system startup parameters", "Specify the configuration file for next startup"],
            Views = [ViewIds.User],
            Level = Levels.Manage,
            Handler = StartupSavedConfiguration,
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

                var storage = ctx.Device.Services.Storage;
                var backup = ctx.Args.Has("backup");
                var file = backup ? storage.Settings.BackupConfiguration : storage.Settings.MainConfiguration;
                if (file is not null && storage.Stat(file) is { IsDirectory: false })
                {
                    storage.Delete(file, unreserved: true);
                }

                storage.UpdateSettings(s => backup ? s with { BackupConfiguration = null } : s with { MainConfiguration = null });
                ctx.WriteLine($"Configuration file in {storage.Medium}: is being cleared.");
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
                if (ReadSaved(ctx) is { } saved)
                {
                    ctx.Write(saved.Text.EndsWith('\n') ? saved.Text : saved.Text + "\n");
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
            Syntax = "configuration replace file file:STRING<5-255>",
            Help = ["Configuration management", "Replace the running configuration", "Specify the replacement configuration file", "Name of the file, ending in .cfg"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = ReplaceAsync,
        });

        foreach (var (dialects, syntax, help) in new[]
        {
            (Dialects.V5, "boot-loader file file:STRING<5-255> main", new[] { "Set boot loader", "Specify the boot file", "Name of the file", "Set the file as the main boot file" }),
            (Dialects.V7, "boot-loader file file:STRING<5-255> { all | slot slot:INTEGER<0-16> } main",
                new[] { "Set boot loader", "Specify the boot file", "Name of the file", "All member devices", "Specify a slot", "Slot number", "Set the file as the main boot file" }),
        })
        {
            r.Add(new CommandDefinition { Syntax = syntax, Help = help, Views = [ViewIds.User], Level = Levels.Manage, Dialects = dialects, Handler = BootLoaderFileAsync });
        }

        ConfigurationArchive.Register(r);

        r.Add(new CommandDefinition
        {
            Syntax = "reboot",
            Help = ["Reboot the device"],
            Views = [ViewIds.User],
            Level = Levels.Manage,
            Handler = RebootAsync,
        });
    }

    /// <summary>
    /// <c>display startup</c> (H3C MSR V5 and Comware 7 Fundamentals Command References): the file this boot used (as
    /// the settings named it when the device booted), and the next main and backup files; NULL for none.
    /// </summary>
    public static string DisplayStartup(CommandContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var storage = ctx.Device.Services.Storage;
        var settings = storage.Settings;
        var current = ctx.Device.GetState<BootRecord>().Current(ctx.Device);
        return $" Current startup saved-configuration file: {current?.Display() ?? "NULL"}\n" +
               $" Next main startup saved-configuration file: {settings.MainConfiguration?.Display() ?? "NULL"}\n" +
               $" Next backup startup saved-configuration file: {settings.BackupConfiguration?.Display() ?? "NULL"}\n";
    }

    /// <summary>The file this boot read: taken once, on first use after the boot, before any command changed the settings.</summary>
    internal sealed class BootRecord
    {
        private StoragePath? _current;
        private bool _taken;

        public StoragePath? Current(ComwareDevice device)
        {
            if (!_taken)
            {
                _current = SavedConfiguration.Read(device.Services.Storage)?.File;
                _taken = true;
            }

            return _current;
        }
    }

    /// <summary>
    /// The images this boot runs (full paths; V7: boot, then system): taken once after the boot, before any
    /// <c>boot-loader file</c> of this boot changed the settings. The main image chosen by <c>boot-loader file … main</c>
    /// runs when its file still exists (else the device falls back to the images it had); a name with "system" in it
    /// replaces the V7 system image, any other the boot image (a V7 .ipe package counts as the boot image).
    /// </summary>
    internal sealed class BootImageRecord
    {
        private IReadOnlyList<string>? _current;

        public IReadOnlyList<string> Current(ComwareDevice device)
        {
            if (_current is not null)
            {
                return _current;
            }

            var facts = device.Facts;
            var images = HardwareDisplays.BootImages(facts).Select(i => facts.Hardware.StorageMedium + ":/" + i).ToList();
            try
            {
                var storage = device.Services.Storage;
                if (storage.Settings.MainImage is { } main && storage.Stat(main) is { IsDirectory: false })
                {
                    var index = images.Count > 1 && main.Name.Contains("system", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                    if (images.Count == 0)
                    {
                        images.Add(main.Display());
                    }
                    else
                    {
                        images[index] = main.Display();
                    }
                }
            }
            catch (StorageException)
            {
                // Unreadable settings: the profile's images, as the device boots its defaults.
            }

            _current = images;
            return _current;
        }
    }

    /// <summary>The images this boot runs (see <see cref="BootImageRecord"/>).</summary>
    public static IReadOnlyList<string> CurrentImages(CommandContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Device.GetState<BootImageRecord>().Current(ctx.Device);
    }

    private static (StoragePath File, string Text)? ReadSaved(CommandContext ctx)
    {
        try
        {
            return SavedConfiguration.Read(ctx.Device.Services.Storage);
        }
        catch (StorageException)
        {
            return null;
        }
    }

    private static string Lead(CommandContext ctx) => ctx.Dialect == ComwareDialect.V5 ? " " : "";

    /// <summary>The main (or backup) startup file, or startup.cfg at the root when none is set.</summary>
    private static StoragePath Startup(CommandContext ctx, bool backup)
    {
        var storage = ctx.Device.Services.Storage;
        var settings = storage.Settings;
        return (backup ? settings.BackupConfiguration : settings.MainConfiguration) ?? storage.Root.Child(SavedConfiguration.DefaultFileName);
    }

    /// <summary>The file-name question and the overwrite question, then the write.</summary>
    private static async ValueTask<bool> SaveDialogAsync(CommandContext ctx, bool backup = false)
    {
        var storage = ctx.Device.Services.Storage;
        var file = Startup(ctx, backup);
        var answer = await ctx.ReadLineAsync($"Please input the file name(*.cfg)[{file.Display()}]\n(To leave the existing filename unchanged, press the enter key):");
        if (answer is null)
        {
            return false;
        }

        answer = answer.Trim();
        if (answer.Length > 0)
        {
            if (CfgFile(ctx, answer) is not { } chosen)
            {
                return false;
            }

            file = chosen;
        }

        if (storage.Stat(file) is not null && !await ctx.ConfirmAsync($"{file.Display()} exists, overwrite? [Y/N]:"))
        {
            return false;
        }

        return await WriteStartupAsync(ctx, file, backup);
    }

    /// <summary>A .cfg path of this medium, or the device's error and null.</summary>
    private static StoragePath? CfgFile(CommandContext ctx, string name)
    {
        var storage = ctx.Device.Services.Storage;
        if (!name.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase) || name.Contains(' ', StringComparison.Ordinal)
            || !storage.TryResolve(name, Files.FileCommands.Cwd(ctx), out var path) || path.IsRoot)
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The file name is invalid(does not end with .cfg)." : "The file name is invalid.");
            return null;
        }

        return path;
    }

    /// <summary>Writes the running configuration to <paramref name="file"/> and makes it the next main (or backup) startup file.</summary>
    private static async ValueTask<bool> WriteStartupAsync(CommandContext ctx, StoragePath file, bool backup)
    {
        ctx.WriteLine(ctx.Dialect == ComwareDialect.V5 ? " Validating file. Please wait...." : "Validating file. Please wait...");
        if (!await WriteAsync(ctx, file))
        {
            return false;
        }

        var storage = ctx.Device.Services.Storage;
        _ = ctx.Device.GetState<BootRecord>().Current(ctx.Device);
        storage.UpdateSettings(s => backup ? s with { BackupConfiguration = file } : s with { MainConfiguration = file });
        ctx.WriteLine(Lead(ctx) + "Configuration is saved to device successfully.");
        Logging.DeviceLog.ConfigurationSaved(ctx.Device, toStartup: true);
        return true;
    }

    private static async ValueTask<bool> WriteAsync(CommandContext ctx, StoragePath file)
    {
        var text = ctx.Device.RenderCurrentConfiguration();
        try
        {
            await Task.Run(() => ctx.Device.Services.Storage.WriteText(file, text), ctx.CancellationToken);
            return true;
        }
        catch (StorageException ex)
        {
            ctx.Fail(new Files.FileTexts(ctx.Dialect).Failed(ex));
            return false;
        }
    }

    /// <summary>
    /// <c>save FILE</c>: "The current configuration will be saved to flash:/a.cfg. Continue? [Y/N]:", "Now saving current
    /// configuration to the device.", "Saving configuration flash:/a.cfg. Please wait...", then the success line. The
    /// next-startup files are unchanged.
    /// </summary>
    private static async ValueTask SaveFileAsync(CommandContext ctx)
    {
        if (CfgFile(ctx, ctx.Args.GetString("file")) is not { } file)
        {
            return;
        }

        if (!await ctx.ConfirmAsync($"The current configuration will be saved to {file.Display()}. Continue? [Y/N]:"))
        {
            return;
        }

        ctx.WriteLine("Now saving current configuration to the device.");
        ctx.WriteLine($"Saving configuration {file.Display()}. Please wait...");
        if (await WriteAsync(ctx, file))
        {
            ctx.WriteLine(Lead(ctx) + "Configuration is saved to device successfully.");
            Logging.DeviceLog.ConfigurationSaved(ctx.Device, toStartup: false);
        }
    }

    /// <summary>
    /// <c>startup saved-configuration FILE [backup|main]</c>: the file must exist and end in .cfg; V5 answers
    /// " Please wait .... Done!", V7 "Please wait...... Done.". The undo form clears the main file setting.
    /// </summary>
    private static ValueTask StartupSavedConfiguration(CommandContext ctx)
    {
        var storage = ctx.Device.Services.Storage;
        _ = ctx.Device.GetState<BootRecord>().Current(ctx.Device);
        if (ctx.IsUndo)
        {
            storage.UpdateSettings(s => s with { MainConfiguration = null });
            return ValueTask.CompletedTask;
        }

        if (CfgFile(ctx, ctx.Args.GetString("file")) is not { } file)
        {
            return ValueTask.CompletedTask;
        }

        if (storage.Stat(file) is not { IsDirectory: false })
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The file does not exist." : "The file does not exist.");
            return ValueTask.CompletedTask;
        }

        var backup = ctx.Args.Has("backup");
        storage.UpdateSettings(s => backup ? s with { BackupConfiguration = file } : s with { MainConfiguration = file });
        ctx.WriteLine(ctx.Dialect == ComwareDialect.V5 ? " Please wait ..... Done!" : "Please wait...... Done.");
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// V7 <c>configuration replace file FILE</c>: "Current configuration will be lost, save current configuration?
    /// [Y/N]:", "Now replacing the current configuration. Please wait...", then "Succeeded in replacing current
    /// configuration with the file FILE." (H3C Comware 7 Fundamentals Command Reference, configuration replace file); the
    /// lines that failed are listed first (that listing's form is unverified).
    /// </summary>
    private static async ValueTask ReplaceAsync(CommandContext ctx)
    {
        var storage = ctx.Device.Services.Storage;
        var name = ctx.Args.GetString("file");
        if (CfgFile(ctx, name) is not { } file)
        {
            return;
        }

        if (storage.Stat(file) is not { IsDirectory: false })
        {
            ctx.Fail("The file does not exist.");
            return;
        }

        if (await ctx.ConfirmAsync("Current configuration will be lost, save current configuration? [Y/N]:") && !await SaveDialogAsync(ctx))
        {
            return;
        }

        string text;
        try
        {
            text = storage.ReadText(file);
        }
        catch (StorageException ex)
        {
            ctx.Fail(new Files.FileTexts(ctx.Dialect).Failed(ex));
            return;
        }

        ctx.WriteLine("Now replacing the current configuration. Please wait...");
        var errors = await ConfigurationReplace.ApplyAsync(ctx.Device, text, ctx.CancellationToken);
        foreach (var error in errors)
        {
            ctx.WriteLine(ConfigurationReplace.Describe(error));
        }

        if (errors.Count == 0)
        {
            ctx.WriteLine($"Succeeded in replacing current configuration with the file {name}.");
        }
        else
        {
            ctx.Fail($"Failed to replace current configuration with the file {name}: {errors.Count} command(s) failed.");
        }
    }

    /// <summary>The main image <c>boot-loader file</c> chose (full path), or null for the running ones.</summary>
    public static string? NextMainImage(CommandContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        try
        {
            return ctx.Device.Services.Storage.Settings.MainImage?.Display();
        }
        catch (StorageException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>boot-loader file FILE main</c> (H3C Comware 5.20 / 7 Fundamentals Command References, software upgrade): the file
    /// must exist on the medium and be a .bin (V7 also .ipe); V5 asks "This command will set the boot file. Continue?
    /// [Y/N]:" and answers "The specified file will be used as the main boot file at the next reboot on slot N!"; V7
    /// verifies and answers "The images that have passed all examinations will be used as the main startup software
    /// images at the next reboot on slot N.".
    /// </summary>
    private static async ValueTask BootLoaderFileAsync(CommandContext ctx)
    {
        var storage = ctx.Device.Services.Storage;
        var v5 = ctx.Dialect == ComwareDialect.V5;
        var name = ctx.Args.GetString("file");
        var slot = HardwareDisplays.Slot(ctx.Device.Facts).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var valid = name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || (!v5 && name.EndsWith(".ipe", StringComparison.OrdinalIgnoreCase));
        if (!valid || !storage.TryResolve(name, Files.FileCommands.Cwd(ctx), out var file) || storage.Stat(file) is not { IsDirectory: false })
        {
            ctx.Fail(v5 ? "% The file does not exist or is not a valid boot file." : "The file does not exist or is not a valid software image file.");
            return;
        }

        if (v5 && !await ctx.ConfirmAsync("This command will set the boot file. Continue? [Y/N]:"))
        {
            return;
        }

        if (!v5)
        {
            ctx.WriteLine($"Verifying the file {file.Display()} on slot {slot}...Done.");
        }

        _ = ctx.Device.GetState<BootImageRecord>().Current(ctx.Device);
        storage.UpdateSettings(s => s with { MainImage = file });
        ctx.WriteLine(v5
            ? $"The specified file will be used as the main boot file at the next reboot on slot {slot}!"
            : $"The images that have passed all examinations will be used as the main startup software images at the next reboot on slot {slot}.");
    }

    private static async ValueTask RebootAsync(CommandContext ctx)
    {
        var v5 = ctx.Dialect == ComwareDialect.V5;
        var lead = Lead(ctx);
        ctx.WriteLine(lead + "Start to check configuration with next startup configuration file, please wait.........DONE!");
        var saved = ReadSaved(ctx)?.Text;
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
