using Emulator.Comware;
using Emulator.Comware.Storage;
using Emulator.Device.Profiles;
using Emulator.Device.Runtime;

namespace Emulator.Device.Wiring;

/// <summary>What the CLI asks of its device: startup.cfg on disk, reboot and host keys.</summary>
internal sealed class DeviceServices(DeviceInstance device) : IDeviceServices
{
    public IHostKeyControl HostKeys { get; } = new HostKeyControl(device);

    public Comware.Runtime.CliMetrics? Metrics => device.Telemetry.Cli;

    public Comware.Runtime.IInjectedFaults? Faults => device.Faults;

    public Comware.Runtime.ISessionRecorder? Recorder => device.Transcripts;

    private readonly Lazy<DeviceStorage> _storage = new(() => device.State.OpenStorage(device.Facts, device.Time), LazyThreadSafetyMode.ExecutionAndPublication);

    public DeviceStorage Storage => _storage.Value;

    /// <summary>Opens the storage first, so a startup.cfg of an older version's layout moves in before it is read.</summary>
    public string? ReadStartupConfiguration()
    {
        try
        {
            Storage.EnsureCreated();
        }
        catch (StorageException)
        {
            // An unwritable state folder: the device still boots (degraded, reported by the key store); file commands fail.
        }

        return device.State.ReadStartupConfiguration();
    }

    public void Publish(Comware.Logging.DeviceLogEvent logEvent) => device.Publish(logEvent);

    public Task RebootAsync(CancellationToken cancellationToken)
    {
        // The session asking for the reboot is one of those the reboot closes: run it on its own.
        _ = Task.Run(() => device.RebootAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    private sealed class HostKeyControl(DeviceInstance device) : IHostKeyControl
    {
        public IReadOnlyList<HostKeyInfo> List()
        {
            var infos = new List<HostKeyInfo>();
            foreach (var spec in device.HostKeys.Specs.Where(s => s.KeyType != "ssh-ed25519"))
            {
                // Loads or creates the key: display public-key local shows what SSH will present.
                var key = device.HostKeys.GetKeyAsync(spec.KeyType, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                var file = device.State.HostKeyPath(spec.FileKind);
                var created = File.Exists(file) ? new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
                infos.Add(new HostKeyInfo(KindOf(spec.KeyType), spec.KeyType, key.Bits, key.PublicKeyBlob, created));
            }

            return infos;
        }

        public async Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken)
        {
            var keyType = kind switch
            {
                "rsa" => "ssh-rsa",
                "dsa" => "ssh-dss",
                "ecdsa" => bits switch { 384 => "ecdsa-sha2-nistp384", 521 => "ecdsa-sha2-nistp521", _ => "ecdsa-sha2-nistp256" },
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "rsa, dsa or ecdsa"),
            };
            // SSH DSA keys are 1024 bits (FIPS 186-2, which ssh-dss signatures follow); the dialog still asks like the device.
            var key = await device.HostKeys.ReplaceAsync(keyType, kind == "dsa" ? 1024 : bits, cancellationToken);
            return new HostKeyInfo(kind, keyType, key.Bits, key.PublicKeyBlob, device.Time.GetUtcNow());
        }

        public async Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken)
        {
            var destroyed = false;
            foreach (var spec in device.HostKeys.Specs.Where(s => KindOf(s.KeyType) == kind).ToList())
            {
                destroyed |= await device.HostKeys.DestroyAsync(spec.KeyType, cancellationToken);
            }

            return destroyed;
        }

        private static string KindOf(string keyType) => HostKeyTypes.FileKind(keyType) switch
        {
            "ecdsa384" or "ecdsa521" => "ecdsa",
            var k => k,
        };
    }
}
