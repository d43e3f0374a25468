using System.Runtime.CompilerServices;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Commands.Files;

/// <summary>
/// Per-device file settings: <c>file prompt quiet</c> (configuration) and each session's working directory
/// (<c>cd</c>), kept per session user object, so it ends with the session and a <c>super</c> starts at the root again.
/// </summary>
public sealed class FileSettings
{
    private readonly ConditionalWeakTable<CliUser, StrongBox<StoragePath>> _directories = [];

    /// <summary><c>file prompt quiet</c>: file commands ask no questions.</summary>
    public bool Quiet { get; set; }

    public StoragePath WorkingDirectory(CliUser user, DeviceStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return _directories.TryGetValue(user, out var box) && box.Value is { } path ? path : storage.Root;
    }

    public void SetWorkingDirectory(CliUser user, StoragePath path) => _directories.AddOrUpdate(user, new StrongBox<StoragePath>(path));
}
