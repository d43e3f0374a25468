namespace Emulator.Comware.Storage;

/// <summary>The next-startup configuration files as the CLI and the fakes see them (the device layer adds its error reporting).</summary>
public static class SavedConfiguration
{
    public const string DefaultFileName = "startup.cfg";

    /// <summary>The main startup file if it exists, else the backup; null when neither does.</summary>
    public static (StoragePath File, string Text)? Read(DeviceStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var settings = storage.Settings;
        foreach (var candidate in new[] { settings.MainConfiguration, settings.BackupConfiguration })
        {
            if (candidate is not null && storage.Stat(candidate) is { IsDirectory: false })
            {
                return (candidate, storage.ReadText(candidate));
            }
        }

        return null;
    }

    /// <summary>Where a plain <c>save</c> writes: the main startup file, <c>startup.cfg</c> at the root when none is set.</summary>
    public static StoragePath MainOrDefault(DeviceStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Settings.MainConfiguration ?? storage.Root.Child(DefaultFileName);
    }
}
