using System.Globalization;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Commands.Files;

/// <summary>
/// The file system commands' messages per dialect. Sources: H3C MSR/SecPath Comware 5.20 Fundamentals Command
/// Reference, "File system management commands" (V5: "%Delete file cfa0:/a.cfg...Done.", "Delete cfa0:/a.cfg?[Y/N]:")
/// and H3C Comware 7 Fundamentals Command Reference, "File system management commands" (V7: "Deleting file
/// flash:/a.cfg... Done.", "Delete flash:/a.cfg? [Y/N]:"). Error texts for a missing file and a full medium are not in
/// those references' examples; they follow the devices' common messages and are marked unverified in SOURCES.
/// </summary>
internal sealed class FileTexts(ComwareDialect dialect)
{
    private readonly bool _v5 = dialect == ComwareDialect.V5;

    public string Question(string text) => _v5 ? text + "?[Y/N]:" : text + "? [Y/N]:";

    public string DeleteQuestion(StoragePath p, bool unreserved) =>
        (unreserved ? "The file cannot be restored. " : "") + Question("Delete " + p.Display());

    public string Deleted(StoragePath p) => _v5 ? $"%Delete file {p.Display()}...Done." : $"Deleting file {p.Display()}... Done.";

    public string DeletingPermanently => _v5 ? "Deleting a file permanently will take a long time. Please wait..." : "Deleting the file permanently will take a long time. Please wait...";

    public string Created(StoragePath p) => _v5 ? $"%Created dir {p.Display()}." : $"Creating directory {p.Display()}... Done.";

    public string RmdirQuestion(StoragePath p) => _v5
        ? Question("Rmdir " + p.Display())
        : $"Remove directory {p.Display()} and the files in the recycle-bin under this directory will be deleted permanently. Continue? [Y/N]:";

    public string Removed(StoragePath p) => _v5 ? $"%Removed directory {p.Display()}." : $"Removing directory {p.Display()}... Done.";

    public string CopyQuestion(StoragePath a, StoragePath b) => Question($"Copy {a.Display()} to {b.Display()}");

    public string Copied(StoragePath a, StoragePath b) => _v5 ? $"%Copy file {a.Display()} to {b.Display()}...Done." : $"Copying file {a.Display()} to {b.Display()}... Done.";

    public string MoveQuestion(StoragePath a, StoragePath b) => Question($"Move {a.Display()} to {b.Display()}");

    public string Moved(StoragePath a, StoragePath b) => _v5 ? $"%Moved file {a.Display()} to {b.Display()}." : $"Moving file {a.Display()} to {b.Display()}... Done.";

    public string RenameQuestion(StoragePath a, StoragePath b) => _v5 ? Question($"Rename {a.Display()} to {b.Display()}") : Question($"Rename {a.Display()} as {b.Display()}");

    public string Renamed(StoragePath a, StoragePath b) => _v5 ? $"% Renamed file {a.Display()} to {b.Display()}." : $"Renaming {a.Display()} as {b.Display()}... Done.";

    public string UndeleteQuestion(StoragePath p) => Question("Undelete " + p.Display());

    public string Undeleted(StoragePath p) => _v5 ? $"% Undeleted file {p.Display()}." : $"Undeleting file {p.Display()}... Done.";

    public string OverwriteQuestion(StoragePath p) => _v5 ? $"The file {p.Display()} exists. Overwrite it?[Y/N]:" : $"The file {p.Display()} already exists. Overwrite it? [Y/N]:";

    public string ClearQuestion(StoragePath p) => Question("Clear " + p.Display());

    public string Cleared(StoragePath p) => _v5 ? $"%Cleared file {p.Display()}..." : $"Clearing file {p.Display()}... Done.";

    public string FormatQuestion(string medium) => _v5
        ? $"All data on {medium}: will be lost, proceed with format? [Y/N]:"
        : $"All data on {medium}: will be lost, continue? [Y/N]:";

    public string Formatted(string medium) => _v5 ? $"%Format {medium}: completed." : $"Formatting {medium}:... Done.";

    public string Fixed(string medium) => _v5 ? $"Restoration of {medium}: finished." : $"Restoring {medium}: may take some time...\nRestoring {medium}:... Done.";

    public string Failed(StorageException ex) => ex.Error switch
    {
        StorageError.NotFound => _v5 ? "% File can't be found." : "The file or directory does not exist.",
        StorageError.AlreadyExists => _v5 ? "% File or directory already exists." : "The file or directory already exists.",
        StorageError.DirectoryNotEmpty => _v5 ? "% Directory is not empty." : "The directory is not empty.",
        StorageError.IsDirectory => _v5 ? "% The specified file is a directory." : "The specified file is a directory.",
        StorageError.NotDirectory => _v5 ? "% The specified path is not a directory." : "The specified path is not a directory.",
        StorageError.NoSpace => _v5 ? "% No enough space." : "The space is insufficient.",
        StorageError.InvalidPath => _v5 ? "% Invalid file name or path." : "Invalid file or directory name.",
        _ => _v5 ? "% Operation failed." : "The operation failed.",
    };

    /// <summary>
    /// <c>dir</c>: V5 "Directory of cfa0:/", a blank line, "   0     -rw-      3359  Apr 11 2011 17:08:33   startup.cfg", a
    /// blank line, "252732 KB total (202172 KB free)"; V7 "Directory of flash:", "   0 -rw-        3359 Apr 11 2011
    /// 17:08:33   startup.cfg", "1021808 KB total (259140 KB free)".
    /// </summary>
    public string Dir(StoragePath directory, IReadOnlyList<StorageEntry> entries, IReadOnlyList<StorageEntry> recycled, long totalBytes, long freeBytes, Func<DateTimeOffset, DateTime> local)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.Append("Directory of ").Append(_v5 ? directory.Display() : directory.Display(rootSlash: directory.IsRoot ? false : true)).Append('\n');
        if (_v5)
        {
            sb.Append('\n');
        }

        var index = 0;
        foreach (var (entry, deleted) in entries.Select(e => (e, false)).Concat(recycled.Select(e => (e, true))))
        {
            var attrs = entry.IsDirectory ? "drw-" : "-rw-";
            var size = entry.IsDirectory ? "-" : entry.Size.ToString(inv);
            var when = local(entry.Modified).ToString("MMM dd yyyy HH:mm:ss", inv);
            var name = deleted ? "[" + entry.Name + "]" : entry.Name;
            sb.Append(_v5
                ? string.Create(inv, $"{index,4}     {attrs}  {size,8}  {when}   {name}\n")
                : string.Create(inv, $"{index,4} {attrs} {size,11} {when}   {name}\n"));
            index++;
        }

        if (index == 0)
        {
            sb.Append(_v5 ? "No file in the directory.\n" : "The directory is empty.\n");
        }

        if (_v5)
        {
            sb.Append('\n');
        }

        sb.Append((totalBytes / 1024).ToString(inv)).Append(" KB total (").Append((freeBytes / 1024).ToString(inv)).Append(" KB free)\n");
        return sb.ToString();
    }
}
