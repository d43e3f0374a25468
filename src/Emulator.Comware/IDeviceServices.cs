namespace Emulator.Comware;

/// <summary>
/// What the CLI asks of the device it runs on, beyond its own configuration model. Implemented by
/// Emulator.Device (persistence, host keys, sessions); in-memory fakes implement it in tests.
/// </summary>
public interface IDeviceServices
{
    /// <summary>
    /// The saved configuration the device boots: the main startup file of <see cref="Storage"/>, else the backup; null
    /// when neither exists. The device layer throws its own error for a file it cannot read.
    /// </summary>
    string? ReadStartupConfiguration();

    /// <summary>The device's file system (<c>flash:</c> or <c>cfa0:</c>) in its state folder; <c>save</c> writes into it.</summary>
    Storage.DeviceStorage Storage { get; }

    /// <summary><c>reboot</c>: the device closes every session and reloads from startup.cfg.</summary>
    Task RebootAsync(CancellationToken cancellationToken);

    IHostKeyControl HostKeys { get; }

    /// <summary>Where command lines are counted; null counts nothing.</summary>
    Runtime.CliMetrics? Metrics => null;

    /// <summary>Faults a lab injected into this device; null when the host offers none.</summary>
    Runtime.IInjectedFaults? Faults => null;

    /// <summary>Where session transcripts go; null records nothing.</summary>
    Runtime.ISessionRecorder? Recorder => null;

    /// <summary>An information-center message (logins, configuration, interfaces) for loghosts and SNMP traps. Called under the device lock: must not block.</summary>
    void Publish(Logging.DeviceLogEvent logEvent)
    {
    }

}

/// <summary>The device's SSH host keys as <c>public-key local create|destroy</c> and <c>display public-key local</c> see them.</summary>
public interface IHostKeyControl
{
    /// <summary>Key kinds present now: rsa, dsa, ecdsa (V7: also ecdsa with curves); ed25519 stays internal.</summary>
    IReadOnlyList<HostKeyInfo> List();

    /// <summary>Creates (or replaces) the key of that kind; persisted; new SSH connections use it at once.</summary>
    Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken);

    Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken);
}

/// <param name="Kind">rsa, dsa, ecdsa.</param>
/// <param name="KeyType">SSH key type, e.g. ssh-rsa.</param>
/// <param name="PublicKeyBlob">SSH wire-format public key.</param>
/// <param name="CreatedAt">When the key was generated.</param>
public sealed record HostKeyInfo(string Kind, string KeyType, int Bits, ReadOnlyMemory<byte> PublicKeyBlob, DateTimeOffset CreatedAt);

/// <param name="Line">e.g. VTY 0.</param>
public sealed record LoginSessionInfo(string Line, string UserName, string RemoteAddress, DateTimeOffset Since, string Protocol, string Cipher, string Mac)
{
    /// <summary>Time since the user last typed.</summary>
    public TimeSpan Idle { get; init; }
}
