using System.Diagnostics;
using System.Text;

namespace Emulator.Device.State;

/// <summary>
/// The files of one device under &lt;state-dir&gt;/&lt;device&gt;/: startup.cfg (what <c>save</c> wrote) and
/// ssh_host_&lt;kind&gt;_key (OpenSSH private keys, mode 0600). Nothing is created until first needed.
/// </summary>
public sealed class DeviceStateDirectory
{
    public const string StartupFileName = "startup.cfg";

    /// <summary>
    /// When this process started, by the OS clock (file times come from the same clock, not from a TimeProvider):
    /// temporary files older than this belong to a process that died mid-write; newer ones may be writes under way.
    /// </summary>
    private static readonly DateTime _processStartUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private int _cleaned;

    /// <summary>The longest device name: it names a folder and appears in prompts and known_hosts comments.</summary>
    public const int MaxDeviceNameLength = 63;

    public const string DeviceNameRule = "1 to 63 letters, digits, _ . or -, starting with a letter or digit (it names the state folder)";

    /// <exception cref="ArgumentException">The name could leave the state folder (see <see cref="IsValidDeviceName"/>).</exception>
    public DeviceStateDirectory(string stateRoot, string deviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateRoot);
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        if (!IsValidDeviceName(deviceName))
        {
            throw new ArgumentException($"device name '{deviceName}' must be {DeviceNameRule}", nameof(deviceName));
        }

        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(stateRoot), deviceName);
    }

    /// <summary>
    /// ASCII letters, digits, '_', '.' and '-', first a letter or digit, at most 63: no separator, no '..', no control
    /// character (a regular expression's '$' would let a trailing newline through), so the folder stays under the root.
    /// </summary>
    public static bool IsValidDeviceName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxDeviceNameLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public string Path { get; }

    private Emulator.Comware.Storage.DeviceStorage? _storage;

    /// <summary>
    /// The device's file system in this folder (one instance per device, shared by the CLI, SFTP, SCP and the control
    /// API, so free space and writes under way are counted once). The first caller's facts and clock make it.
    /// </summary>
    public Emulator.Comware.Storage.DeviceStorage OpenStorage(Emulator.Comware.DeviceFacts facts, TimeProvider time)
    {
        var created = Emulator.Comware.Storage.StorageLayout.Create(Path, facts, time);
        return Interlocked.CompareExchange(ref _storage, created, null) ?? created;
    }

    /// <summary>
    /// The saved configuration file: the main (else backup) startup file of the device's storage, as its boot settings
    /// name it; before the storage was first opened, <c>startup.cfg</c> in this folder (the layout of older versions,
    /// moved into the storage on first use).
    /// </summary>
    public string StartupConfigurationPath =>
        Emulator.Comware.Storage.DeviceStorage.FindSavedConfiguration(Path)?.HostFile ?? System.IO.Path.Combine(Path, StartupFileName);

    public string HostKeyPath(string fileKind) => System.IO.Path.Combine(Path, $"ssh_host_{fileKind}_key");

    /// <summary>Present when the factory key of that kind was destroyed with <c>public-key local destroy</c>.</summary>
    public string HostKeyDestroyedPath(string fileKind) => HostKeyPath(fileKind) + ".destroyed";

    /// <summary>The saved configuration, or null when none was saved. Throws <see cref="DeviceStateException"/> when the file exists but cannot be read.</summary>
    public string? ReadStartupConfiguration()
    {
        CleanOnce();
        var file = StartupConfigurationPath;
        try
        {
            return AtomicFile.ReadAllText(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (DecoderFallbackException ex)
        {
            throw new DeviceStateException(file, "is not valid UTF-8 text; fix or remove it (the device will not overwrite it)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeviceStateException(file, "cannot be read: " + ex.Message, ex);
        }
    }

    /// <summary>Owner only: startup.cfg holds reversible V5 passwords (<c>password cipher</c>) and the keys are private.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>startup.cfg: owner read/write only, like the key files.</summary>
    public const UnixFileMode StartupFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public Task WriteStartupConfigurationAsync(string text, CancellationToken cancellationToken)
    {
        CleanOnce();
        EnsureFolder();
        return AtomicFile.WriteAllTextAsync(StartupConfigurationPath, text, StartupFileMode, cancellationToken);
    }

    /// <summary>
    /// Creates the device folder with mode 0700, and takes group and other rights away from one an older version made
    /// (0755). The state root itself is the user's choice and is left alone.
    /// </summary>
    public void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }

        var info = Directory.CreateDirectory(Path, FolderMode);
        if ((info.UnixFileMode & ~FolderMode) != 0)
        {
            info.UnixFileMode = FolderMode;
        }
    }

    public Task DeleteStartupConfigurationAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        File.Delete(StartupConfigurationPath);
        return Task.CompletedTask;
    }

    private void CleanOnce()
    {
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
        {
            try
            {
                AtomicFile.RemoveLeftovers(Path, _processStartUtc);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: leftovers are harmless (never read), and the read or write that follows reports a real problem.
            }
        }
    }
}
