using Emulator.Comware.Commands;
using Emulator.Comware.Engine;
using Emulator.Comware.Storage;

namespace Emulator.Comware.Tests.Support;

/// <summary>Device facts, fake services and a fixed clock for CLI tests.</summary>
public static class TestDevices
{
    /// <summary>2026-01-02 03:04:05 UTC: a fixed instant so displays of time are stable.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static CommandSet Commands => CommandModules.DefaultSet;

    public static DeviceFacts V5Facts { get; } = Device(
        "SecPath F1000-E", ComwareDialect.V5, "5.20", "Release 3177", "2004-2011", "GigabitEthernet0/",
        new HardwareFacts
        {
            Cpu = "RMI XLS408 800MHz",
            MemoryMb = 1024,
            FlashMb = 1024,
            StorageMedium = "cfa0",
            PcbVersion = "Ver.B",
            CpldVersion = "1.0",
            BootRomVersion = "1.18",
            SerialNumber = "210235A0CAB1180000042",
            BaseMacAddress = "3822-d6a0-1b2c",
            ManufacturingDate = "2011-09-14",
        });

    public static DeviceFacts V7Facts { get; } = Device(
        "SecPath F1000-AI-20", ComwareDialect.V7, "7.1.064", "Release 9333P26", "2004-2023", "GigabitEthernet1/0/",
        new HardwareFacts
        {
            Cpu = "Cavium CN7130 4 Cores 1.2GHz",
            MemoryMb = 4096,
            FlashMb = 8192,
            PcbVersion = "VER.A",
            CpldVersion = "1.0",
            BootRomVersion = "7.05",
            SerialNumber = "219801A2YH8213Q0008K",
            BaseMacAddress = "70ba-ef12-3456",
            ManufacturingDate = "2021-06-18",
        });

    /// <summary>
    /// The facts the system-display tests quote: the same devices with a board list and the hardware values of the
    /// captures those tests compare against.
    /// </summary>
    public static DeviceFacts V5DisplayFacts { get; } = V5Facts with
    {
        Hardware = V5Facts.Hardware with
        {
            FlashMb = 4,
            SerialNumber = "210235A0CAB118000042",
            ManufacturingDate = "2011-08-16",
            Boards = [new BoardFacts(0, 0, "SecPath F1000-E", "Normal", "210235A0CAB118000042")],
        },
    };

    /// <inheritdoc cref="V5DisplayFacts"/>
    public static DeviceFacts V7DisplayFacts { get; } = V7Facts with
    {
        CopyrightYears = "2004-2021",
        Hardware = V7Facts.Hardware with
        {
            Cpu = "4 Cores CPU",
            BootRomVersion = "1.07",
            CpldVersion = "002",
            BaseMacAddress = "74ea-c8b2-0e00",
            ManufacturingDate = "2021-04-12",
            Boards = [new BoardFacts(1, 0, "F1000-AI-20", "Normal", "219801A2YH8213Q0008K")],
        },
    };

    public static DeviceFacts Facts(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? V5Facts : V7Facts;

    public static DeviceFacts DisplayFacts(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? V5DisplayFacts : V7DisplayFacts;

    public static ComwareDevice Create(ComwareDialect dialect, string? startupConfiguration = null, CommandSet? commands = null) =>
        new(Facts(dialect), new FakeDeviceServices { Medium = Facts(dialect).Hardware.StorageMedium, StartupConfiguration = startupConfiguration }, new FixedTimeProvider(Epoch), commands ?? Commands);

    /// <summary>Four gigabit ports numbered from <paramref name="prefix"/> (<c>GigabitEthernet0/</c> on V5 boxes, <c>GigabitEthernet1/0/</c> on V7).</summary>
    private static DeviceFacts Device(string model, ComwareDialect dialect, string version, string release, string years, string prefix, HardwareFacts hardware) => new()
    {
        Model = model,
        Dialect = dialect,
        DefaultSysname = "H3C",
        VtyLines = dialect == ComwareDialect.V5 ? 5 : 64,
        SoftwareVersion = version,
        Release = release,
        CopyrightYears = years,
        Hardware = hardware,
        Interfaces = [.. Enumerable.Range(0, 4).Select(i => new InterfaceFacts(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
    };
}

/// <summary>A clock that stands still unless a test advances it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// In-memory persistence and host keys. Host keys are three placeholder bytes unless a test passes
/// <paramref name="createKey"/> (see <see cref="RealHostKeys"/>) because it displays them.
/// </summary>
public sealed class FakeDeviceServices(Func<string, int, HostKeyInfo>? createKey = null) : IDeviceServices, IHostKeyControl
{
    private readonly List<HostKeyInfo> _keys = [];
    private DeviceStorage? _storage;

    /// <summary>Storage medium of <see cref="Storage"/> (set before <see cref="StartupConfiguration"/>).</summary>
    public string Medium { get; init; } = "cfa0";

    /// <summary>Medium size: 64 MiB unless a test wants a fuller device.</summary>
    public long StorageCapacity { get; init; } = 64L << 20;

    /// <summary>A storage in a fresh temporary folder (removed by the OS's temp cleaning), with the fixed clock.</summary>
    public DeviceStorage Storage => _storage ??= new DeviceStorage(
        Path.Combine(Path.GetTempPath(), "emulator-tests", Guid.NewGuid().ToString("N")), Medium, StorageCapacity,
        [new BootImage("main.bin", 1 << 20)], new FixedTimeProvider(TestDevices.Epoch));

    /// <summary>The main startup file's text; setting it writes startup.cfg and makes it the main startup file (null deletes it).</summary>
    public string? StartupConfiguration
    {
        get => SavedConfiguration.Read(Storage)?.Text;
        set
        {
            var file = Storage.Root.Child(SavedConfiguration.DefaultFileName);
            if (value is null)
            {
                if (Storage.Stat(file) is not null)
                {
                    Storage.Delete(file, unreserved: true);
                }

                return;
            }

            Storage.WriteText(file, value);
            Storage.UpdateSettings(s => s with { MainConfiguration = file });
        }
    }

    public int Reboots { get; private set; }

    public IHostKeyControl HostKeys => this;

    /// <summary>Information-center messages the CLI published, in order.</summary>
    public List<Logging.DeviceLogEvent> Published { get; } = [];

    public void Publish(Logging.DeviceLogEvent logEvent)
    {
        lock (Published)
        {
            Published.Add(logEvent);
        }
    }

    public string? ReadStartupConfiguration() => StartupConfiguration;

    public Task RebootAsync(CancellationToken cancellationToken)
    {
        Reboots++;
        return Task.CompletedTask;
    }

    public IReadOnlyList<HostKeyInfo> List() => _keys;

    public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken)
    {
        var key = createKey?.Invoke(kind, bits)
            ?? new HostKeyInfo(kind, kind == "rsa" ? "ssh-rsa" : "ssh-" + kind, bits, new byte[] { 1, 2, 3 }, TestDevices.Epoch);
        _keys.RemoveAll(k => k.Kind == kind);
        _keys.Add(key);
        return Task.FromResult(key);
    }

    public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.RemoveAll(k => k.Kind == kind) > 0);
}
