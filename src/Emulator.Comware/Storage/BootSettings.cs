namespace Emulator.Comware.Storage;

/// <summary>
/// What the device keeps outside its file system (in NVRAM on the real box): the main and backup startup configuration
/// files (<c>startup saved-configuration</c>) and the main boot image (<c>boot-loader file … main</c>). Stored as
/// <c>key device-path</c> lines in the device's state folder, beside (not inside) its storage root, so no file command
/// or SFTP client can see or change it.
/// </summary>
public sealed record BootSettings
{
    public const string FileName = "boot-settings";

    public StoragePath? MainConfiguration { get; init; }

    public StoragePath? BackupConfiguration { get; init; }

    public StoragePath? MainImage { get; init; }

    /// <summary>Parses the file; unknown keys and paths that do not resolve (other medium, bad names) are ignored.</summary>
    public static BootSettings Parse(string text, string medium)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = StoragePath.Root(medium);
        var settings = new BootSettings();
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Trim().Split(' ', 2);
            if (parts.Length != 2 || !PathResolver.TryResolve(parts[1], medium, root, out var path) || path.IsRoot)
            {
                continue;
            }

            settings = parts[0] switch
            {
                "main-config" => settings with { MainConfiguration = path },
                "backup-config" => settings with { BackupConfiguration = path },
                "main-image" => settings with { MainImage = path },
                _ => settings,
            };
        }

        return settings;
    }

    /// <summary>The medium named by the first path in the file (the state folder's layer reads it without a profile).</summary>
    public static string? MediumOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Trim().Split(' ', 2);
            var colon = parts.Length == 2 ? parts[1].IndexOf(':', StringComparison.Ordinal) : -1;
            if (colon is > 0 and <= 16 && parts[1][..colon].All(char.IsAsciiLetterOrDigit))
            {
                return parts[1][..colon];
            }
        }

        return null;
    }

    public string Render()
    {
        var lines = new List<string>();
        if (MainConfiguration is { } main)
        {
            lines.Add("main-config " + main.Display());
        }

        if (BackupConfiguration is { } backup)
        {
            lines.Add("backup-config " + backup.Display());
        }

        if (MainImage is { } image)
        {
            lines.Add("main-image " + image.Display());
        }

        return string.Concat(lines.Select(l => l + "\n"));
    }
}
