using System.Collections.Concurrent;
using Emulator.Comware.Commands;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Comware;

/// <summary>
/// One emulated device: its facts, services, clock, command set, VTY lines and running configuration (a bag of
/// per-module state objects rendered by the command set's <see cref="IConfigSection"/>s). Changes are serialised by
/// one async lock that is held only while a command parses, mutates and renders into a buffer — never while anything
/// waits on a client (see README "Concurrency"). The configuration is loaded on first use
/// (<see cref="EnsureBootedAsync"/>), never in the constructor.
/// </summary>
public sealed partial class ComwareDevice : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Lock _bootLock = new();
    private ConcurrentDictionary<Type, object> _state = new();
    private Task<ConfigurationLoadReport>? _boot;
    private int _generation;
    private long _configurationVersion;
    private bool _holderChangesNothing;
    private RenderedConfiguration? _rendered;

    public ComwareDevice(DeviceFacts facts, IDeviceServices services, TimeProvider time, CommandSet? commands = null, DialectSettings? dialect = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        Services = services ?? throw new ArgumentNullException(nameof(services));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Commands = commands ?? CommandModules.DefaultSet;
        Dialect = dialect ?? DialectSettings.For(facts.Dialect);
        BootedAt = time.GetUtcNow();
        Logger = logger ?? NullLogger.Instance;
        Logins = new LoginTable(facts.VtyLines, time);
    }

    public DeviceFacts Facts { get; }

    public IDeviceServices Services { get; }

    public TimeProvider Time { get; }

    public CommandSet Commands { get; }

    public DialectSettings Dialect { get; }

    public ILogger Logger { get; }

    /// <summary>When the configuration was last loaded (boot, reboot): the base of uptime displays.</summary>
    public DateTimeOffset BootedAt { get; private set; }

    /// <summary>Errors of the last boot replay (also returned by <see cref="BootAsync"/>).</summary>
    public ConfigurationLoadReport? LastBootReport { get; private set; }

    /// <summary>The VTY lines and who is logged in on them.</summary>
    public LoginTable Logins { get; }

    /// <summary>Who is logged in, ordered by VTY, as <c>display users</c> and <c>display ssh server session</c> list them.</summary>
    public IReadOnlyList<LoginSessionInfo> LoginSessions() => [.. Logins.Snapshot().Select(l => l.ToInfo())];

    /// <summary>
    /// Bumped every time the running configuration is replaced (boot, reboot, reset): a session whose views still
    /// hold objects of the replaced configuration must not edit them.
    /// </summary>
    public int Generation => Volatile.Read(ref _generation);

    public string Sysname => GetState<SystemState>().Sysname ?? Facts.DefaultSysname;

    /// <summary>
    /// The per-device state object of type <typeparamref name="T"/> (one per type, created on first use and
    /// initialised through <see cref="IDeviceState"/>). Mutate it only from command handlers (they hold the lock).
    /// </summary>
    public T GetState<T>() where T : class, new() =>
        (T)_state.GetOrAdd(typeof(T), static (_, device) =>
        {
            var created = new T();
            (created as IDeviceState)?.Initialize(device);
            return created;
        }, this);

    /// <summary>Boots once: later calls return the first boot's report.</summary>
    public Task<ConfigurationLoadReport> EnsureBootedAsync(CancellationToken cancellationToken)
    {
        lock (_bootLock)
        {
            return _boot ??= BootAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Clears the running configuration and replays startup.cfg (or the profile's default configuration when none
    /// was saved) line by line through the command parser, in system view, with full privilege.
    /// </summary>
    public async Task<ConfigurationLoadReport> BootAsync(CancellationToken cancellationToken)
    {
        var saved = Services.ReadStartupConfiguration();
        var report = await ReloadAsync(saved ?? Facts.DefaultConfiguration, saved is null ? DefaultConfigurationSource : StartupFileName, cancellationToken);
        lock (_bootLock)
        {
            _boot ??= Task.FromResult(report);
        }

        return report;
    }

    /// <summary>Back to the profile's factory configuration (the saved file is not touched).</summary>
    public Task<ConfigurationLoadReport> ResetToDefaultsAsync(CancellationToken cancellationToken) =>
        ReloadAsync(Facts.DefaultConfiguration, DefaultConfigurationSource, cancellationToken);

    /// <summary>Executes configuration text on top of the running configuration (as if typed in system view).</summary>
    public async Task<ConfigurationLoadReport> LoadConfigurationAsync(string text, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken);
        return await ConfigurationReplay.RunAsync(this, text, cancellationToken);
    }

    /// <summary>
    /// The running configuration for readers outside the CLI (control API, backups): rendered under the lock, so it
    /// is one consistent snapshot even while sessions change the configuration.
    /// </summary>
    public async Task<string> RenderCurrentConfigurationAsync(CancellationToken cancellationToken)
    {
        using var held = await ReadLockAsync(cancellationToken);
        return RenderCurrentConfiguration();
    }

    /// <summary>
    /// Bumped whenever a holder of <see cref="LockAsync"/> lets go without having declared that it changed nothing
    /// (<see cref="DeviceLockHold.DeclareNoChanges"/>, <see cref="ReadLockAsync"/>). Every change of the running
    /// configuration happens under the lock, so an unchanged version means an unchanged configuration.
    /// </summary>
    public long ConfigurationVersion => Volatile.Read(ref _configurationVersion);

    /// <summary>
    /// <c>display current-configuration</c>, rendered once per <see cref="ConfigurationVersion"/>. Caller holds the
    /// lock; while the holder may be changing the configuration the rendering is fresh and not kept.
    /// </summary>
    public RenderedConfiguration CurrentConfiguration()
    {
        if (!Volatile.Read(ref _holderChangesNothing))
        {
            return new RenderedConfiguration(-1, RenderConfigurationLines());
        }

        var version = ConfigurationVersion;
        var rendered = Volatile.Read(ref _rendered);
        if (rendered?.Version != version)
        {
            rendered = new RenderedConfiguration(version, RenderConfigurationLines());
            Volatile.Write(ref _rendered, rendered);
        }

        return rendered;
    }

    /// <summary><c>display current-configuration</c> as lines (no line terminators). Caller holds the lock.</summary>
    public IReadOnlyList<string> RenderCurrentConfigurationLines() => CurrentConfiguration().Lines;

    private IReadOnlyList<string> RenderConfigurationLines()
    {
        var writer = new ConfigWriter();
        writer.Separator();
        writer.Line($" version {Facts.SoftwareVersion}, {Facts.Release}");
        foreach (var section in Commands.ConfigSections)
        {
            writer.Separator();
            section.Render(this, writer);
        }

        writer.Separator();
        writer.Line("return");
        return writer.Lines;
    }

    /// <summary>The running configuration as Comware text, <c>\n</c> separated, as <c>save</c> writes it.</summary>
    public string RenderCurrentConfiguration() => CurrentConfiguration().Text;

    /// <summary>
    /// Serialises access to the configuration; dispose the result to release. The holder is assumed to change the
    /// configuration unless it says otherwise (<see cref="DeviceLockHold.DeclareNoChanges"/>).
    /// </summary>
    public async ValueTask<DeviceLockHold> LockAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        Volatile.Write(ref _holderChangesNothing, false);
        return new DeviceLockHold(this);
    }

    /// <summary>The lock for a holder that only reads (control API renderings, SNMP snapshots, displays).</summary>
    public async ValueTask<DeviceLockHold> ReadLockAsync(CancellationToken cancellationToken)
    {
        var hold = await LockAsync(cancellationToken);
        hold.DeclareNoChanges();
        return hold;
    }

    public void Dispose() => _lock.Dispose();

    private async Task<ConfigurationLoadReport> ReloadAsync(string text, string source, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken);
        _state = new ConcurrentDictionary<Type, object>();
        Interlocked.Increment(ref _generation);
        BootedAt = Time.GetUtcNow();
        var report = await ConfigurationReplay.RunAsync(this, text, cancellationToken) with { Source = source };
        LastBootReport = report;
        foreach (var error in report.Errors)
        {
            // startup.cfg:12: % Unrecognized command found at '^' position. (the line follows in the structured field)
            LogBootError(Logger, source, error.LineNumber, error.Message, error.Line);
        }

        return report;
    }

    /// <summary>Name the boot report gives the saved configuration.</summary>
    public const string StartupFileName = "startup.cfg";

    /// <summary>Name the boot report gives the profile's factory configuration.</summary>
    public const string DefaultConfigurationSource = "default-configuration";

    [LoggerMessage(LogLevel.Warning, "{Source}:{LineNumber}: {Message} ({Line})")]
    private static partial void LogBootError(ILogger logger, string source, int lineNumber, string message, string line);

    /// <summary>One holding of the device lock.</summary>
    public sealed class DeviceLockHold : IDisposable
    {
        private readonly ComwareDevice _device;
        private int _released;

        internal DeviceLockHold(ComwareDevice device) => _device = device;

        /// <summary>
        /// The holder promises it has not changed and will not change the configuration (it runs a display): the
        /// configuration version stays, and renderings made meanwhile are kept for the next reader.
        /// </summary>
        public void DeclareNoChanges()
        {
            if (Volatile.Read(ref _released) == 0)
            {
                Volatile.Write(ref _device._holderChangesNothing, true);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (!Volatile.Read(ref _device._holderChangesNothing))
                {
                    Interlocked.Increment(ref _device._configurationVersion);
                }

                Volatile.Write(ref _device._holderChangesNothing, false);
                _device._lock.Release();
            }
        }
    }
}
