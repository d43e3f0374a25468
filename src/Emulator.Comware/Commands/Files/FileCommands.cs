using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Commands.Files;

/// <summary>
/// The file system commands of user view (H3C Comware 5.20 and Comware 7 Fundamentals Command References, "File system
/// management commands"): <c>dir</c>, <c>cd</c>, <c>pwd</c>, <c>mkdir</c>, <c>rmdir</c>, <c>delete</c>, <c>undelete</c>,
/// <c>reset recycle-bin</c>, <c>copy</c>, <c>move</c>, <c>rename</c>, <c>more</c>, <c>fixdisk</c>, <c>format</c>, and
/// <c>file prompt</c> in system view. They work on <see cref="IDeviceServices.Storage"/>; every path goes through
/// <see cref="PathResolver"/>. Questions are asked with the device lock released (README "Concurrency"), so each handler
/// checks the file again after the answer.
/// </summary>
public sealed class FileCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var r = registry;
        Add(r, "dir [ /all ] [ path:STRING<1-255> ]", ["Display files and directories on the storage media", "Display all files (including the files in the recycle bin)", "File or directory name"], Levels.Monitor, Dir);
        Add(r, "cd path:STRING<1-255>", ["Change current directory", "Directory name"], Levels.Monitor, Cd);
        Add(r, "pwd", ["Display current working directory"], Levels.Monitor, ctx =>
        {
            ctx.WriteLine(Cwd(ctx).Display(rootSlash: false));
            return ValueTask.CompletedTask;
        });
        Add(r, "mkdir path:STRING<1-255>", ["Create a new directory", "Directory name"], Levels.Manage, Mkdir);
        Add(r, "rmdir path:STRING<1-255>", ["Remove an existing directory", "Directory name"], Levels.Manage, Rmdir);
        Add(r, "delete [ /unreserved ] path:STRING<1-255>", ["Delete a file", "Delete the file completely", "File name"], Levels.Manage, Delete);
        Add(r, "undelete path:STRING<1-255>", ["Recover a deleted file", "File name"], Levels.Manage, Undelete);
        Add(r, "reset recycle-bin [ /force ]", ["Reset operation", "Clear the recycle bin", "Delete files in the recycle bin without confirmation"], Levels.Manage, ResetRecycleBin);
        Add(r, "copy source:STRING<1-255> target:STRING<1-255>", ["Copy a file", "Source file name", "Destination file name"], Levels.Manage, Copy);
        Add(r, "move source:STRING<1-255> target:STRING<1-255>", ["Move a file", "Source file name", "Destination file name"], Levels.Manage, Move);
        Add(r, "rename source:STRING<1-255> target:STRING<1-255>", ["Rename a file or directory", "Source file or directory name", "New name"], Levels.Manage, Rename);
        Add(r, "more path:STRING<1-255>", ["Display the contents of a file", "File name"], Levels.Monitor, More);
        Add(r, "fixdisk medium:STRING<1-31>", ["Restore the space of a storage medium", "Storage medium name"], Levels.Manage, Fixdisk);
        Add(r, "format medium:STRING<1-31>", ["Format a storage medium", "Storage medium name"], Levels.Manage, Format);
        r.Add(new CommandDefinition
        {
            Syntax = "file prompt { alert | quiet }",
            Help = ["Specify file system configuration information", "Prompt mode of file operations", "Prompt when file operations may bring undesirable results", "Do not prompt for any file operations"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                ctx.Device.GetState<FileSettings>().Quiet = ctx.Args.Has("quiet");
                return ValueTask.CompletedTask;
            },
        });
        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Global + 40, (device, w) =>
        {
            if (device.GetState<FileSettings>().Quiet)
            {
                w.Line(" file prompt quiet");
                w.Separator();
            }
        }));
        TransferServerCommands.Register(r);
    }

    private static void Add(CommandRegistry r, string syntax, string[] help, int level, Func<CommandContext, ValueTask> handler) =>
        r.Add(new CommandDefinition { Syntax = syntax, Help = help, Views = [ViewIds.User], Level = level, Handler = ctx => handler(ctx) });

    internal static DeviceStorage Storage(CommandContext ctx) => ctx.Device.Services.Storage;

    internal static StoragePath Cwd(CommandContext ctx) => ctx.Device.GetState<FileSettings>().WorkingDirectory(ctx.User, Storage(ctx));

    /// <summary>Resolves a path the user typed against the working directory; prints the device's error and returns null when it is not a path of this medium.</summary>
    internal static StoragePath? Resolve(CommandContext ctx, string name, FileTexts texts)
    {
        if (Storage(ctx).TryResolve(name, Cwd(ctx), out var path))
        {
            return path;
        }

        ctx.Fail(texts.Failed(new StorageException(StorageError.InvalidPath, name)));
        return null;
    }

    /// <summary>Asks unless <c>file prompt quiet</c>.</summary>
    private static ValueTask<bool> Ask(CommandContext ctx, string question) =>
        ctx.Device.GetState<FileSettings>().Quiet ? ValueTask.FromResult(true) : ctx.ConfirmAsync(question);

    private static FileTexts Texts(CommandContext ctx) => new(ctx.Dialect);

    /// <summary>Runs a storage operation; a refusal prints the device's text and fails the command.</summary>
    private static bool Try(CommandContext ctx, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (StorageException ex)
        {
            ctx.Fail(Texts(ctx).Failed(ex));
            return false;
        }
    }

    private static ValueTask Dir(CommandContext ctx)
    {
        var texts = Texts(ctx);
        var storage = Storage(ctx);
        var target = Cwd(ctx);
        var hasPath = ctx.Args.TryGet<string>("path", out var name);
        if (hasPath && name.Contains('*', StringComparison.Ordinal))
        {
            DirMatching(ctx, name, texts);
            return ValueTask.CompletedTask;
        }

        if (hasPath)
        {
            if (Resolve(ctx, name, texts) is not { } resolved)
            {
                return ValueTask.CompletedTask;
            }

            target = resolved;
        }

        Try(ctx, () =>
        {
            var stat = storage.Stat(target) ?? throw new StorageException(StorageError.NotFound, target.Display());
            var folder = stat.IsDirectory ? target : target.Parent;
            var entries = stat.IsDirectory ? storage.List(target) : [stat];
            var recycled = ctx.Args.Has("/all") && stat.IsDirectory ? storage.ListRecycled(target) : [];
            ctx.Write(texts.Dir(folder, entries, recycled, storage.Capacity, storage.FreeBytes, t => t.UtcDateTime));
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>dir [/all] [folder/]pattern</c>: the file part may hold asterisks (H3C Comware 5.20 and 7 Fundamentals Command
    /// References, dir: "Asterisks (*) are acceptable as wildcards", e.g. <c>dir *.txt</c>); the folder part may not. The
    /// listing is the folder's, filtered by the pattern (case-insensitive, as the FAT-style media compare names); no
    /// match prints the folder's empty listing (that text on a real device is unverified).
    /// </summary>
    private static void DirMatching(CommandContext ctx, string input, FileTexts texts)
    {
        var storage = Storage(ctx);
        var slash = input.LastIndexOf('/');
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        var split = Math.Max(slash, colon);
        var folderText = split < 0 ? "" : input[..(split + 1)];
        var pattern = input[(split + 1)..];
        if (pattern.Length == 0 || folderText.Contains('*', StringComparison.Ordinal))
        {
            ctx.Fail(texts.Failed(new StorageException(StorageError.InvalidPath, input)));
            return;
        }

        var folder = Cwd(ctx);
        if (folderText.Length > 0)
        {
            if (Resolve(ctx, folderText, texts) is not { } resolved)
            {
                return;
            }

            folder = resolved;
        }

        var matcher = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        Try(ctx, () =>
        {
            if (storage.Stat(folder) is not { IsDirectory: true })
            {
                throw new StorageException(StorageError.NotFound, folder.Display());
            }

            var entries = storage.List(folder).Where(e => matcher.IsMatch(e.Name)).ToList();
            IReadOnlyList<StorageEntry> recycled = ctx.Args.Has("/all") ? [.. storage.ListRecycled(folder).Where(e => matcher.IsMatch(e.Name))] : [];
            ctx.Write(texts.Dir(folder, entries, recycled, storage.Capacity, storage.FreeBytes, t => t.UtcDateTime));
        });
    }

    private static ValueTask Cd(CommandContext ctx)
    {
        var texts = Texts(ctx);
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is { } path)
        {
            Try(ctx, () =>
            {
                var stat = Storage(ctx).Stat(path) ?? throw new StorageException(StorageError.NotFound, path.Display());
                if (!stat.IsDirectory)
                {
                    throw new StorageException(StorageError.NotDirectory, path.Display());
                }

                ctx.Device.GetState<FileSettings>().SetWorkingDirectory(ctx.User, path);
            });
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask Mkdir(CommandContext ctx)
    {
        var texts = Texts(ctx);
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is { } path && Try(ctx, () => Storage(ctx).CreateDirectory(path)))
        {
            ctx.WriteLine(texts.Created(path));
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask Rmdir(CommandContext ctx)
    {
        var texts = Texts(ctx);
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is not { } path || !Try(ctx, () => Exists(ctx, path, directory: true)))
        {
            return;
        }

        if (await Ask(ctx, texts.RmdirQuestion(path)) && Try(ctx, () => Storage(ctx).RemoveDirectory(path)))
        {
            ctx.WriteLine(texts.Removed(path));
        }
    }

    private static async ValueTask Delete(CommandContext ctx)
    {
        var texts = Texts(ctx);
        var unreserved = ctx.Args.Has("/unreserved");
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is not { } path || !Try(ctx, () => Exists(ctx, path, directory: false)))
        {
            return;
        }

        if (!await Ask(ctx, texts.DeleteQuestion(path, unreserved)))
        {
            return;
        }

        if (unreserved)
        {
            ctx.WriteLine(texts.DeletingPermanently);
        }

        if (Try(ctx, () => Storage(ctx).Delete(path, unreserved)))
        {
            ctx.WriteLine(texts.Deleted(path));
        }
    }

    private static async ValueTask Undelete(CommandContext ctx)
    {
        var texts = Texts(ctx);
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is not { } path)
        {
            return;
        }

        var storage = Storage(ctx);
        if (!storage.IsRecycled(path))
        {
            ctx.Fail(texts.Failed(new StorageException(StorageError.NotFound, path.Display())));
            return;
        }

        if (!await Ask(ctx, texts.UndeleteQuestion(path)))
        {
            return;
        }

        var overwrite = false;
        if (storage.Stat(path) is { IsDirectory: false })
        {
            if (!await Ask(ctx, texts.OverwriteQuestion(path)))
            {
                return;
            }

            overwrite = true;
        }

        if (Try(ctx, () => storage.Undelete(path, overwrite)))
        {
            ctx.WriteLine(texts.Undeleted(path));
        }
    }

    private static async ValueTask ResetRecycleBin(CommandContext ctx)
    {
        var texts = Texts(ctx);
        var storage = Storage(ctx);
        var force = ctx.Args.Has("/force");
        foreach (var file in storage.Recycled(Cwd(ctx)))
        {
            if ((force || await Ask(ctx, texts.ClearQuestion(file))) && Try(ctx, () => storage.Purge(file)))
            {
                ctx.WriteLine(texts.Cleared(file));
            }
        }
    }

    private static ValueTask Copy(CommandContext ctx) => TwoPathsAsync(ctx, (t, a, b) => t.CopyQuestion(a, b), (s, a, b) => s.Copy(a, b), (t, a, b) => t.Copied(a, b), overwrite: true);

    private static ValueTask Move(CommandContext ctx) => TwoPathsAsync(ctx, (t, a, b) => t.MoveQuestion(a, b), (s, a, b) => s.Move(a, b), (t, a, b) => t.Moved(a, b), overwrite: false);

    private static ValueTask Rename(CommandContext ctx) => TwoPathsAsync(ctx, (t, a, b) => t.RenameQuestion(a, b), (s, a, b) => s.Move(a, b), (t, a, b) => t.Renamed(a, b), overwrite: false);

    /// <summary>copy/move/rename: a target folder takes the source's name; copy asks before overwriting a file.</summary>
    private static async ValueTask TwoPathsAsync(CommandContext ctx, Func<FileTexts, StoragePath, StoragePath, string> question,
        Action<DeviceStorage, StoragePath, StoragePath> action, Func<FileTexts, StoragePath, StoragePath, string> done, bool overwrite)
    {
        var texts = Texts(ctx);
        var storage = Storage(ctx);
        if (Resolve(ctx, ctx.Args.GetString("source"), texts) is not { } source || Resolve(ctx, ctx.Args.GetString("target"), texts) is not { } target)
        {
            return;
        }

        if (!Try(ctx, () =>
            {
                if (storage.Stat(source) is null)
                {
                    throw new StorageException(StorageError.NotFound, source.Display());
                }
            }))
        {
            return;
        }

        if (storage.Stat(target) is { IsDirectory: true } && !source.IsRoot)
        {
            target = target.Child(source.Name);
        }

        if (!await Ask(ctx, question(texts, source, target)))
        {
            return;
        }

        if (overwrite && storage.Stat(target) is { IsDirectory: false } && !await Ask(ctx, texts.OverwriteQuestion(target)))
        {
            return;
        }

        if (Try(ctx, () => action(storage, source, target)))
        {
            ctx.WriteLine(done(texts, source, target));
        }
    }

    private static ValueTask More(CommandContext ctx)
    {
        var texts = Texts(ctx);
        if (Resolve(ctx, ctx.Args.GetString("path"), texts) is { } path)
        {
            Try(ctx, () =>
            {
                var text = Storage(ctx).ReadText(path);
                ctx.Write(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n");
            });
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask Fixdisk(CommandContext ctx)
    {
        if (Medium(ctx) is { } medium)
        {
            await ValueTask.CompletedTask;
            ctx.WriteLine(Texts(ctx).Fixed(medium));
        }
    }

    private static async ValueTask Format(CommandContext ctx)
    {
        if (Medium(ctx) is not { } medium || !await Ask(ctx, Texts(ctx).FormatQuestion(medium)))
        {
            return;
        }

        if (Try(ctx, () => Storage(ctx).Format()))
        {
            ctx.Device.GetState<FileSettings>().SetWorkingDirectory(ctx.User, Storage(ctx).Root);
            ctx.WriteLine(Texts(ctx).Formatted(medium));
        }
    }

    /// <summary>The medium argument (<c>flash:</c>, <c>cfa0</c>) when it names this device's medium.</summary>
    private static string? Medium(CommandContext ctx)
    {
        var name = ctx.Args.GetString("medium").TrimEnd('/').TrimEnd(':');
        if (string.Equals(name, Storage(ctx).Medium, StringComparison.OrdinalIgnoreCase))
        {
            return Storage(ctx).Medium;
        }

        ctx.Fail(Texts(ctx).Failed(new StorageException(StorageError.InvalidPath, name)));
        return null;
    }

    private static void Exists(CommandContext ctx, StoragePath path, bool directory)
    {
        var stat = Storage(ctx).Stat(path) ?? throw new StorageException(StorageError.NotFound, path.Display());
        if (stat.IsDirectory != directory)
        {
            throw new StorageException(directory ? StorageError.NotDirectory : StorageError.IsDirectory, path.Display());
        }
    }
}
