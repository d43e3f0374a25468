namespace Emulator.Comware.Runtime;

/// <summary>
/// Core system settings owned by the engine: the sysname (it drives every prompt) and the header banners (set by the
/// <c>header</c> command of the system module, printed by the shell at login).
/// </summary>
public sealed class SystemState
{
    /// <summary>Null means the profile's default sysname.</summary>
    public string? Sysname { get; set; }

    /// <summary><c>header motd|login|shell|legal|incoming</c> texts by kind.</summary>
    public SortedDictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);
}
