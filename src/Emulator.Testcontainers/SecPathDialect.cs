namespace Emulator.Testcontainers;

/// <summary>Comware generation of a running device: V5 users have privilege levels 0-3, V7 users have roles.
/// <see cref="SecPathContainer.GetDialectAsync" /> asks the running device; nothing here lists model names.</summary>
public enum SecPathDialect
{
    /// <summary>Comware V5 (SecPath F1000-E, F5000-A5, U200-S, ...).</summary>
    V5,

    /// <summary>Comware V7 (SecPath F1000-AI-55, F5000-AI, ...).</summary>
    V7,
}
