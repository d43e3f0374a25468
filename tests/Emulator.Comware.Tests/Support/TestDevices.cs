using Emulator.Comware.Commands;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Tests.Support;

/// <summary>Device facts, fake services and a fixed clock for CLI tests.</summary>
public static class TestDevices
{
    /// <summary>2026-01-02 03:04:05 UTC: a fixed instant so displays of time are stable.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static CommandSet Commands => CommandModules.DefaultSet;

    public static DeviceFacts V5Facts { get; } = new()
    {
        Model = "SecPath F1000-E",
        Dialect = ComwareDialect.V5,
        DefaultSysname = "H3C",
        SoftwareVersion = "5.20",
        Release = "Release 3177",
        CopyrightYears = "2004-2011",
        Hardware = new HardwareFacts
        {
            Cpu = "RMI XLS408 800MHz",
            MemoryMb = 1024,
            FlashMb = 1024,
            PcbVersion = "Ver.B",
            CpldVersion = "1.0",
            BootRomVersion = "1.18",
            SerialNumber = "210235A0CAB1180000042",
            BaseMacAddress = "3822-d6a0-1b2c",
            ManufacturingDate = "2011-09-14",
        },
        Interfaces = [new("GigabitEthernet0/0"), new("GigabitEthernet0/1"), new("GigabitEthernet0/2"), new("GigabitEthernet0/3")],
        DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
    };

    public static DeviceFacts V7Facts { get; } = new()
    {
        Model = "SecPath F1000-AI-20",
        Dialect = ComwareDialect.V7,
        DefaultSysname = "H3C",
        SoftwareVersion = "7.1.064",
        Release = "Release 9333P26",
        CopyrightYears = "2004-2023",
        Hardware = new HardwareFacts
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
        },
        Interfaces = [new("GigabitEthernet1/0/0"), new("GigabitEthernet1/0/1"), new("GigabitEthernet1/0/2"), new("GigabitEthernet1/0/3")],
        DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
    };

    public static DeviceFacts Facts(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? V5Facts : V7Facts;

    public static ComwareDevice Create(ComwareDialect dialect, string? startupConfiguration = null, CommandSet? commands = null) =>
        new(Facts(dialect), new FakeDeviceServices { StartupConfiguration = startupConfiguration }, new FixedTimeProvider(Epoch), commands ?? Commands);
}

/// <summary>A clock that stands still unless a test advances it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>In-memory persistence, host keys and session list.</summary>
public sealed class FakeDeviceServices : IDeviceServices
{
    private readonly List<HostKeyInfo> _keys = [];

    public string? StartupConfiguration { get; set; }

    public int Reboots { get; private set; }

    public List<LoginSessionInfo> Sessions { get; } = [];

    public IHostKeyControl HostKeys => new FakeHostKeys(_keys);

    public string? ReadStartupConfiguration() => StartupConfiguration;

    public Task WriteStartupConfigurationAsync(string text, CancellationToken cancellationToken)
    {
        StartupConfiguration = text;
        return Task.CompletedTask;
    }

    public Task DeleteStartupConfigurationAsync(CancellationToken cancellationToken)
    {
        StartupConfiguration = null;
        return Task.CompletedTask;
    }

    public Task RebootAsync(CancellationToken cancellationToken)
    {
        Reboots++;
        return Task.CompletedTask;
    }

    public IReadOnlyList<LoginSessionInfo> GetSessions() => Sessions;

    private sealed class FakeHostKeys(List<HostKeyInfo> keys) : IHostKeyControl
    {
        public IReadOnlyList<HostKeyInfo> List() => keys;

        public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken)
        {
            keys.RemoveAll(k => k.Kind == kind);
            var key = new HostKeyInfo(kind, kind == "rsa" ? "ssh-rsa" : "ssh-" + kind, bits, new byte[] { 1, 2, 3 }, TestDevices.Epoch);
            keys.Add(key);
            return Task.FromResult(key);
        }

        public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) =>
            Task.FromResult(keys.RemoveAll(k => k.Kind == kind) > 0);
    }
}
