using System.Globalization;
using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// V7 configuration archives and rollback (H3C Comware 7 Fundamentals Command Reference, "Configuration file management
/// commands": <c>archive configuration</c>, <c>archive configuration location</c>, <c>archive configuration max</c>,
/// <c>display archive configuration</c>, <c>rollback configuration to</c>). Archives are named
/// <c>prefix_N.cfg</c>, N from 1 to 1000 then 1 again; past <c>max</c> (1 to 10, default 5) the oldest is deleted. As the
/// reference says, a reboot (here: any reload of the running configuration) or a new location forgets the list: the old
/// files stay as ordinary configuration files and numbering starts at 1. Rollback applies only the differences between
/// the running configuration and the file (<see cref="ConfigurationReplace"/>). Automatic archiving
/// (<c>archive configuration interval</c>) is not modelled. The dialog and error texts below are unverified against a
/// SecPath capture: they follow the command reference's examples where it has one.
/// </summary>
internal static class ConfigurationArchive
{
    public const int DefaultMax = 5;

    /// <summary>Per-device archive state; recreated at every reload, which is the device's "reboot resets the counter".</summary>
    internal sealed class ArchiveState
    {
        public StoragePath? Directory { get; set; }

        public string? Prefix { get; set; }

        public int Max { get; set; } = DefaultMax;

        public int NextSerial { get; set; } = 1;

        /// <summary>Archives made since the location was set, oldest first.</summary>
        public List<(int Serial, DateTimeOffset At, StoragePath File)> Files { get; } = [];
    }

    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "archive configuration location directory:STRING<1-63> filename-prefix prefix:STRING<1-30>",
            Help = ["Archive configuration", "Configuration archive", "Specify the archive directory and file name prefix", "Archive directory, in the format storage-medium-name:/folder-name",
                "Specify the file name prefix", "File name prefix, a string of letters, digits, underscores (_) and hyphens (-)"],
            UndoSyntax = "archive configuration location",
            UndoHelp = ["Archive configuration", "Configuration archive", "Specify the archive directory and file name prefix"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = Location,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "archive configuration max file-number:INTEGER<1-10>",
            Help = ["Archive configuration", "Configuration archive", "Specify the maximum number of archive files", "Maximum number of archive files"],
            UndoSyntax = "archive configuration max",
            UndoHelp = ["Archive configuration", "Configuration archive", "Specify the maximum number of archive files"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = Max,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "archive configuration",
            Help = ["Archive configuration", "Save the running configuration to an archive file"],
            Views = [ViewIds.User],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = ArchiveAsync,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "display archive configuration",
            Help = ["", "Archive configuration", "Display configuration archive information"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Dialects = Dialects.V7,
            Handler = ctx =>
            {
                ctx.Write(Display(ctx));
                return ValueTask.CompletedTask;
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "rollback configuration to file:STRING<5-255>",
            Help = ["Rollback operation", "Roll back the running configuration", "Specify the replacement configuration file", "Name of the file, ending in .cfg"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = RollbackAsync,
        });

        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Global + 45, (device, w) =>
        {
            var state = device.GetState<ArchiveState>();
            if (state.Directory is null || state.Prefix is null)
            {
                return;
            }

            w.Line($" archive configuration location {state.Directory.Display()} filename-prefix {state.Prefix}");
            if (state.Max != DefaultMax)
            {
                w.Line(string.Create(CultureInfo.InvariantCulture, $" archive configuration max {state.Max}"));
            }

            w.Separator();
        }));
    }

    private static ValueTask Location(CommandContext ctx)
    {
        var state = ctx.Device.GetState<ArchiveState>();
        if (ctx.IsUndo)
        {
            // The reference: undo also restores max and interval and clears the archive list.
            state.Directory = null;
            state.Prefix = null;
            state.Max = DefaultMax;
            state.NextSerial = 1;
            state.Files.Clear();
            return ValueTask.CompletedTask;
        }

        var storage = ctx.Device.Services.Storage;
        var directory = ctx.Args.GetString("directory");
        var prefix = ctx.Args.GetString("prefix");
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            ctx.Fail("Invalid file name prefix.");
            return ValueTask.CompletedTask;
        }

        // The reference wants storage-medium-name:/folder-name, a folder that already exists.
        if (!directory.Contains(":/", StringComparison.Ordinal) || !storage.TryResolve(directory, storage.Root, out var path) || !storage.IsDirectory(path))
        {
            ctx.Fail("The specified directory does not exist.");
            return ValueTask.CompletedTask;
        }

        if (!path.Equals(state.Directory) || !string.Equals(prefix, state.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            state.Files.Clear();
            state.NextSerial = 1;
        }

        state.Directory = path;
        state.Prefix = prefix;
        return ValueTask.CompletedTask;
    }

    private static ValueTask Max(CommandContext ctx)
    {
        var state = ctx.Device.GetState<ArchiveState>();
        if (!ctx.IsReplay && state.Directory is null)
        {
            ctx.Fail("Please configure the archive location first.");
            return ValueTask.CompletedTask;
        }

        state.Max = ctx.IsUndo ? DefaultMax : ctx.Args.GetInt32("file-number");
        return ValueTask.CompletedTask;
    }

    /// <summary>"Save the running configuration to an archive file. Continue? [Y/N]:", then "The archive file NAME is saved.".</summary>
    private static async ValueTask ArchiveAsync(CommandContext ctx)
    {
        if (ctx.Device.GetState<ArchiveState>().Directory is null)
        {
            ctx.Fail("Please configure the archive location first.");
            return;
        }

        if (!await ctx.ConfirmAsync("Save the running configuration to an archive file. Continue? [Y/N]:"))
        {
            return;
        }

        // The lock was released while the question waited: read the state again.
        var state = ctx.Device.GetState<ArchiveState>();
        if (state.Directory is not { } directory || state.Prefix is not { } prefix)
        {
            ctx.Fail("Please configure the archive location first.");
            return;
        }

        var storage = ctx.Device.Services.Storage;
        var serial = state.NextSerial;
        var file = directory.Child(string.Create(CultureInfo.InvariantCulture, $"{prefix}_{serial}.cfg"));
        var text = ctx.Device.RenderCurrentConfiguration();
        try
        {
            await Task.Run(() => storage.WriteText(file, text), ctx.CancellationToken);
        }
        catch (StorageException ex)
        {
            ctx.Fail(new Files.FileTexts(ctx.Dialect).Failed(ex));
            return;
        }

        state.Files.RemoveAll(f => f.File.Equals(file));
        state.Files.Add((serial, ctx.Device.Time.GetUtcNow(), file));
        state.NextSerial = serial >= 1000 ? 1 : serial + 1;
        while (state.Files.Count > state.Max)
        {
            var oldest = state.Files[0];
            state.Files.RemoveAt(0);
            try
            {
                storage.Delete(oldest.File, unreserved: true);
            }
            catch (StorageException)
            {
                // Already removed by hand: the device only forgets it.
            }
        }

        ctx.WriteLine($"The archive file {file.Name} is saved.");
    }

    /// <summary>
    /// <c>display archive configuration</c>: location, prefix, interval, maximum, then the archives with their time; "#"
    /// marks the most recent one.
    /// </summary>
    private static string Display(CommandContext ctx)
    {
        var state = ctx.Device.GetState<ArchiveState>();
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("Location: ").Append(state.Directory?.Display() ?? "").Append('\n');
        sb.Append("Filename prefix: ").Append(state.Prefix ?? "").Append('\n');
        sb.Append("Archive interval in minutes: 0\n");
        sb.Append("Maximum number of archive files: ").Append(state.Max.ToString(inv)).Append('\n');
        sb.Append("Saved archive files:\n");
        sb.Append(" No. TimeStamp                 FileName\n");
        for (var i = 0; i < state.Files.Count; i++)
        {
            var (_, at, file) = state.Files[i];
            var mark = i == state.Files.Count - 1 ? "#" : " ";
            sb.Append(string.Create(inv, $"{mark}{i + 1,-4}{at.UtcDateTime.ToString("ddd MMM dd HH:mm:ss yyyy", inv)}  {file.Display()}\n"));
        }

        sb.Append("'#' indicates the most recent archive file.\n");
        if (state.Prefix is not null)
        {
            sb.Append("Next archive file to be saved: ").Append(state.Prefix).Append('_').Append(state.NextSerial.ToString(inv)).Append(".cfg\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>rollback configuration to FILE</c>: only the differences are applied. A file name without a folder is looked up
    /// in the archive folder first, then the working directory. Failing lines are listed as by <c>configuration
    /// replace file</c>.
    /// </summary>
    private static async ValueTask RollbackAsync(CommandContext ctx)
    {
        var storage = ctx.Device.Services.Storage;
        var name = ctx.Args.GetString("file");
        var state = ctx.Device.GetState<ArchiveState>();
        StoragePath? file = null;
        if (name.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase))
        {
            if (state.Directory is { } archive && !name.Contains('/', StringComparison.Ordinal) && !name.Contains(':', StringComparison.Ordinal)
                && storage.TryResolve(name, archive, out var inArchive) && storage.Stat(inArchive) is { IsDirectory: false })
            {
                file = inArchive;
            }
            else if (storage.TryResolve(name, Files.FileCommands.Cwd(ctx), out var path) && storage.Stat(path) is { IsDirectory: false })
            {
                file = path;
            }
        }

        if (file is null)
        {
            ctx.Fail("The file does not exist.");
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

        var errors = await ConfigurationReplace.ApplyAsync(ctx.Device, text, ctx.CancellationToken);
        foreach (var error in errors)
        {
            ctx.WriteLine(ConfigurationReplace.Describe(error));
        }

        if (errors.Count > 0)
        {
            ctx.Fail($"Failed to roll back the running configuration to {file.Display()}: {errors.Count} command(s) failed.");
        }
    }
}
