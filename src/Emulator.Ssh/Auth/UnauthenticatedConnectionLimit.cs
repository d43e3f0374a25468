namespace Emulator.Ssh;

/// <summary>
/// A bound on unauthenticated connections shared by many servers: every device of a fleet in one process. Each server
/// still applies its own <see cref="SshServerOptions.MaxUnauthenticatedConnections"/>; this one caps the sum, so a
/// flood spread over thousands of devices (one shared listening socket serves them all) cannot hold thousands of
/// half-open handshakes at once. The same rule applies: the oldest connection still in key exchange makes room (else
/// the oldest unauthenticated one), never the newcomer.
/// </summary>
public sealed class UnauthenticatedConnectionLimit
{
    /// <param name="maxTotal">Unauthenticated connections across all servers using this limit.</param>
    /// <param name="maxPerSource">Of those, what one source address may hold; zero or less: no per-source limit.</param>
    public UnauthenticatedConnectionLimit(int maxTotal, int maxPerSource)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTotal, 1);
        MaxTotal = maxTotal;
        MaxPerSource = maxPerSource;
    }

    public int MaxTotal { get; }

    public int MaxPerSource { get; }

    /// <summary>Connections now holding a slot.</summary>
    public int Count => Admission.Count;

    internal PreAuthAdmission Admission { get; } = new();
}
