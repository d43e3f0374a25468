namespace Emulator.Comware.Runtime;

/// <summary>
/// Faults a lab asked this device to show (through the host's control API or fleet file): slow or failing commands,
/// an HA role in the prompt, a legal banner, load figures. A real device has none; the CLI asks at each point where a
/// fault can change what the client sees, and does what the answer says.
/// </summary>
public interface IInjectedFaults
{
    /// <summary>Asked before each command line runs (outside the device lock); null when no fault applies.</summary>
    CommandFault? BeforeCommand(string userName, string commandLine);

    /// <summary>Text put before every prompt, e.g. <c>RBM_P</c> or <c>RBM_S</c> on a SecPath in an RBM pair; null for none.</summary>
    string? PromptPrefix { get; }

    /// <summary>A legal banner shown at shell login with its <c>Press Y or ENTER to continue, N to exit.</c> question; null for none.</summary>
    string? LegalBanner(string userName);

    /// <summary>CPU usage in percent that displays show instead of their own figures; null keeps them.</summary>
    int? CpuUsagePercent { get; }

    /// <summary>Memory usage in percent that displays show instead of their own figures; null keeps them.</summary>
    int? MemoryUsagePercent { get; }
}

/// <summary>What a fault does to one command line: wait first, then run it or print <paramref name="FailureText"/> instead.</summary>
/// <param name="Delay">Waited before the command runs (the device lock is not held meanwhile).</param>
/// <param name="FailureText">Printed instead of running the command, which then counts as failed; null runs it.</param>
public sealed record CommandFault(TimeSpan Delay, string? FailureText);
