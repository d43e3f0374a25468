namespace Emulator.Comware.Model.Management;

/// <summary>
/// Holds the current <see cref="ManagementSettings"/> of one device. Writers (command handlers, replay) swap in a
/// new value atomically; readers on any thread take <see cref="Current"/> and get a consistent snapshot.
/// </summary>
public sealed class ManagementState
{
    private ManagementSettings _current;

    public ManagementState(DeviceFacts facts, PasswordEncoder? passwords = null)
    {
        Facts = facts ?? throw new ArgumentNullException(nameof(facts));
        Passwords = passwords ?? new PasswordEncoder();
        _current = ManagementSettings.Initial(facts);
    }

    public DeviceFacts Facts { get; }

    public ComwareDialect Dialect => Facts.Dialect;

    /// <summary>Encodes passwords typed in clear text (<c>simple</c>) into the stored form.</summary>
    public PasswordEncoder Passwords { get; }

    public ManagementSettings Current => Volatile.Read(ref _current);

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

    /// <summary>Back to factory state (before a boot-time replay).</summary>
    public void Reset() => Volatile.Write(ref _current, ManagementSettings.Initial(Facts));

    /// <summary>Stored form of a clear-text password in this dialect (V5 cipher, V7 hash).</summary>
    public string EncodeSimple(string plainText) =>
        Dialect == ComwareDialect.V5 ? Passwords.Cipher(plainText) : Passwords.Hash(plainText);
}
