using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Emulator.Device.Profiles;
using Emulator.Ssh;

namespace Emulator.Device.State;

/// <summary>
/// A device's host keys, one file per type, and which types it offers. The offer follows the key pairs the device
/// holds: the profile's factory set (created on first need, as if made at the factory) unless destroyed, plus every
/// type `public-key local create` made. A key is written once (mode 0600) and reused forever. With a fleet secret,
/// keys derive from secret + device name + type, so a wiped state directory gives back the same keys.
/// </summary>
/// <remarks>
/// Destroying a factory key leaves a marker file (<c>ssh_host_&lt;kind&gt;_key.destroyed</c>) so it is not re-created
/// at the next start; creating that type again removes the marker. A marker wins over a key file, so a crash between
/// the two steps of a create or destroy leaves the device in the state the command had not yet announced.
/// </remarks>
public sealed class HostKeyStore : IHostKeyProvider
{
    private const UnixFileMode KeyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>An OpenSSH RSA-8192 private key is about 6.5 KB; anything far larger is not a key file.</summary>
    public const int MaxKeyFileBytes = 64 * 1024;

    private readonly DeviceStateDirectory _directory;
    private readonly IHostKeyCodec _codec;
    private readonly string _deviceName;
    private readonly byte[]? _fleetSecret;
    private readonly Action<DeviceStateException>? _unsaved;
    private readonly IReadOnlyList<HostKeySpec> _factory;
    private int _unsavedReported;
    // Created on first use: a thousand cold devices should not each carry an empty concurrent dictionary.
    private ConcurrentDictionary<string, Lazy<Task<SshHostKey>>>? _keys;

    // The key pairs the device holds (or will create on first need); null until the state folder was looked at.
    private HeldKeys? _held;

    private ConcurrentDictionary<string, Lazy<Task<SshHostKey>>> Keys =>
        LazyInitializer.EnsureInitialized(ref _keys, () => new(StringComparer.Ordinal));

    /// <param name="factorySpecs">The profile's factory key set under the device's algorithm policy.</param>
    /// <param name="unsaved">Told once when a created key cannot be saved (the state folder is not writable); the key is used from memory.</param>
    public HostKeyStore(DeviceStateDirectory directory, string deviceName, IReadOnlyList<HostKeySpec> factorySpecs, IHostKeyCodec codec, byte[]? fleetSecret,
        Action<DeviceStateException>? unsaved = null)
    {
        _unsaved = unsaved;
        _directory = directory;
        _deviceName = deviceName;
        _factory = factorySpecs;
        _codec = codec;
        _fleetSecret = fleetSecret;
    }

    /// <summary>Types the SSH layer may offer (it keeps those the algorithm list names). Read at every KEXINIT: no I/O after the first.</summary>
    public IReadOnlyCollection<string> KeyTypes => Held.Types;

    /// <summary>The key pairs the device holds now: factory ones not destroyed, plus those created by command.</summary>
    public IReadOnlyList<HostKeySpec> Specs => Held.Specs;

    private HeldKeys Held => Volatile.Read(ref _held) ?? ScanOnce();

    /// <summary>Keys loaded or created so far; never creates one.</summary>
    public IReadOnlyList<SshHostKey> LoadedKeys =>
        _keys is null ? [] : [.. _keys.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result)];

    public async ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken)
    {
        var spec = Specs.FirstOrDefault(s => s.KeyType == keyType)
            ?? throw new InvalidOperationException($"device {_deviceName} has no {keyType} host key");
        var lazy = Keys.GetOrAdd(keyType, _ => new Lazy<Task<SshHostKey>>(() => LoadOrCreateAsync(spec)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted && lazy.Value.Exception?.InnerException is not DeviceStateException)
        {
            // A failed creation (disk full, ...) may be retried by the next connection; a corrupt file may not.
            Keys.TryRemove(new KeyValuePair<string, Lazy<Task<SshHostKey>>>(keyType, lazy));
            throw;
        }
    }

    /// <summary>Keys already on disk (loading them), without creating missing ones; unreadable files are skipped.</summary>
    public async Task<IReadOnlyList<SshHostKey>> GetExistingAsync(CancellationToken cancellationToken)
    {
        var keys = new List<SshHostKey>();
        foreach (var spec in Specs)
        {
            if (_keys?.ContainsKey(spec.KeyType) == true || File.Exists(_directory.HostKeyPath(spec.FileKind)))
            {
                try
                {
                    keys.Add(await GetKeyAsync(spec.KeyType, cancellationToken));
                }
                catch (DeviceStateException)
                {
                    // Reported by the device when a connection needs it.
                }
            }
        }

        return keys;
    }

    /// <summary>Loads or creates every key now (used to print fingerprints at start).</summary>
    public async Task<IReadOnlyList<SshHostKey>> GetAllAsync(CancellationToken cancellationToken)
    {
        var keys = new List<SshHostKey>();
        foreach (var spec in Specs)
        {
            keys.Add(await GetKeyAsync(spec.KeyType, cancellationToken));
        }

        return keys;
    }

    /// <summary><c>public-key local create</c>: a fresh random key replaces the old one, persisted before it is offered.</summary>
    public async Task<SshHostKey> ReplaceAsync(string keyType, int bits, CancellationToken cancellationToken)
    {
        var spec = new HostKeySpec(keyType, bits);
        var key = _codec.Generate(keyType, bits, []);
        var marker = _directory.HostKeyDestroyedPath(spec.FileKind);
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }

        await SaveAsync(spec, key, cancellationToken);
        Keys[keyType] = new Lazy<Task<SshHostKey>>(Task.FromResult(key));
        UpdateHeld(specs => [.. specs.Where(s => s.KeyType != keyType), spec]);
        return key;
    }

    /// <summary><c>public-key local destroy</c>: the key file goes and the type leaves the offer (open sessions keep theirs).</summary>
    public async Task<bool> DestroyAsync(string keyType, CancellationToken cancellationToken)
    {
        var spec = Specs.FirstOrDefault(s => s.KeyType == keyType);
        if (spec is null)
        {
            return false;
        }

        if (_factory.Any(f => f.KeyType == keyType))
        {
            // Without the marker the factory key would be created again at the next connection.
            _directory.EnsureFolder();
            await AtomicFile.WriteAllTextAsync(_directory.HostKeyDestroyedPath(spec.FileKind), "", KeyFileMode, cancellationToken);
        }

        File.Delete(_directory.HostKeyPath(spec.FileKind));
        UpdateHeld(specs => [.. specs.Where(s => s.KeyType != keyType)]);
        _keys?.TryRemove(keyType, out _);
        return true;
    }

    private HeldKeys ScanOnce()
    {
        var specs = new List<HostKeySpec>();
        foreach (var spec in _factory)
        {
            if (!File.Exists(_directory.HostKeyDestroyedPath(spec.FileKind)))
            {
                specs.Add(spec);
            }
        }

        foreach (var keyType in HostKeyTypes.All)
        {
            if (!_factory.Any(f => f.KeyType == keyType) && File.Exists(_directory.HostKeyPath(HostKeyTypes.FileKind(keyType))))
            {
                // Created by `public-key local create` in an earlier run; its size is the file's, not this default.
                specs.Add(new HostKeySpec(keyType, HostKeyTypes.DefaultBits(keyType)));
            }
        }

        Interlocked.CompareExchange(ref _held, new HeldKeys(specs), null);
        return _held!;
    }

    private void UpdateHeld(Func<IReadOnlyList<HostKeySpec>, IReadOnlyList<HostKeySpec>> change)
    {
        HeldKeys current, next;
        do
        {
            current = Held;
            next = new HeldKeys(change(current.Specs));
        }
        while (Interlocked.CompareExchange(ref _held, next, current) != current);
    }

    private async Task<SshHostKey> LoadOrCreateAsync(HostKeySpec spec)
    {
        var file = _directory.HostKeyPath(spec.FileKind);
        string? text;
        try
        {
            text = AtomicFile.ReadSmallFile(file, MaxKeyFileBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            text = null;
        }
        catch (DecoderFallbackException ex)
        {
            throw new DeviceStateException(file, "is not a readable OpenSSH private key (not UTF-8); fix or remove it (the device will not replace it)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeviceStateException(file, "cannot be read: " + ex.Message, ex);
        }

        if (text is not null)
        {
            SshHostKey key;
            try
            {
                key = _codec.Import(text);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or NotSupportedException)
            {
                throw new DeviceStateException(file, "is not a readable OpenSSH private key; fix or remove it (the device will not replace it): " + ex.Message, ex);
            }

            if (key.KeyType != spec.KeyType)
            {
                key.Dispose();
                throw new DeviceStateException(file, $"holds a {key.KeyType} key where a {spec.KeyType} key belongs");
            }

            return key;
        }

        // On the thread pool: an RSA key takes up to seconds, and the first connection of a cold device may ask from
        // a socket I/O thread (the host runs socket completions inline), which must not stall for it.
        var created = await Task.Run(() => _codec.Generate(spec.KeyType, spec.Bits, Seed(spec)));
        try
        {
            await SaveAsync(spec, created, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The key is kept and served from memory: creating a new one for every connection would change the
            // device's identity each time (and burn CPU). The failure is reported once; clients keep working.
            if (Interlocked.Exchange(ref _unsavedReported, 1) == 0)
            {
                _unsaved?.Invoke(new DeviceStateException(file, "cannot be written (host keys are kept in memory only and change at restart): " + ex.Message, ex));
            }
        }

        return created;
    }

    private Task SaveAsync(HostKeySpec spec, SshHostKey key, CancellationToken cancellationToken)
    {
        _directory.EnsureFolder();
        return AtomicFile.WriteAllTextAsync(_directory.HostKeyPath(spec.FileKind), key.ExportOpenSshPrivateKey(_deviceName), KeyFileMode, cancellationToken);
    }

    /// <summary>HMAC(secret, device name, key type, bits): different for every device and type, never the secret itself.</summary>
    private byte[] Seed(HostKeySpec spec) =>
        _fleetSecret is null ? [] : HMACSHA256.HashData(_fleetSecret, Encoding.UTF8.GetBytes($"emulator host key\0{_deviceName}\0{spec.KeyType}\0{spec.Bits}"));

    private sealed class HeldKeys(IReadOnlyList<HostKeySpec> specs)
    {
        public IReadOnlyList<HostKeySpec> Specs { get; } = specs;

        public IReadOnlyCollection<string> Types { get; } = [.. specs.Select(s => s.KeyType)];
    }
}
