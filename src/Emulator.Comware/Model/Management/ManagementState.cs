using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Management;

/// <summary>
/// The per-device holder of <see cref="ManagementSettings"/> (<c>device.GetState&lt;ManagementState&gt;()</c>).
/// Command handlers swap in a new value atomically; readers on any thread (the SSH authenticator) take
/// <see cref="Current"/> and get a consistent snapshot without the device lock.
/// </summary>
public sealed class ManagementState : IDeviceState
{
    private ManagementSettings? _current;
    private DeviceFacts? _facts;
    private long _clockOffsetTicks;

    public DeviceFacts Facts => _facts ?? throw new InvalidOperationException("ManagementState is not initialised.");

    public ComwareDialect Dialect => Facts.Dialect;

    /// <summary>Encodes passwords typed in clear text into the stored form.</summary>
    public PasswordEncoder Passwords { get; private set; } = new();

    public ManagementSettings Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("ManagementState is not initialised.");

    /// <summary>What <c>clock datetime</c> added to the host clock.</summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>A state outside a device (tests, tools).</summary>
    public static ManagementState Create(DeviceFacts facts, PasswordEncoder? passwords = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var state = new ManagementState();
        state.Initialize(facts, passwords ?? PasswordEncoder.CreateSeeded(facts.Hardware.SerialNumber + "/" + facts.Model));
        return state;
    }

    public void Initialize(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Initialize(device.Facts, PasswordEncoder.CreateSeeded(device.Facts.Hardware.SerialNumber + "/" + device.Facts.Model));
    }

    /// <summary>Applies a pure change; retried if another writer got in between.</summary>
    public ManagementSettings Update(Func<ManagementSettings, ManagementSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var before = Current;
            var after = change(before);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                return after;
            }
        }
    }

    /// <summary>Stored form of a clear-text password in this dialect (V5 cipher, V7 hash).</summary>
    public string EncodeSimple(string plainText) =>
        Dialect == ComwareDialect.V5 ? Passwords.Cipher(plainText) : Passwords.Hash(plainText);

    /// <summary>The device clock as of now.</summary>
    public DeviceClock Clock(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceClock(device.Time, device.BootedAt, ClockOffset);
    }

    private void Initialize(DeviceFacts facts, PasswordEncoder passwords)
    {
        _facts = facts;
        Passwords = passwords;
        Volatile.Write(ref _current, ManagementSettings.Initial(facts));
    }
}
