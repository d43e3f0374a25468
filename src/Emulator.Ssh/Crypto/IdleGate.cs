namespace Emulator.Ssh.Crypto;

/// <summary>
/// Guards state that a connection's packet work uses and a periodic sweep may release while the connection is idle
/// (<see cref="IPacketCipher.ReleaseIfIdle"/>). One direction's packets are handled one at a time, so the only
/// contention is with the sweep, which never waits: it skips a state in use and one used since its last visit. The
/// packet side spins in that rare case for the few instructions a release takes; a lock object per cipher would cost
/// more memory than the gate saves time.
/// </summary>
internal struct IdleGate
{
    private int _held;
    private bool _usedSinceSweep;

    /// <summary>For packet work: waits out a sweep in progress and marks the state used.</summary>
    public void Enter()
    {
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            spin.SpinOnce();
        }

        _usedSinceSweep = true;
    }

    /// <summary>
    /// For the sweep: true (and held) when the state is free and unused since the previous call, so it may be released;
    /// false otherwise, and the next call sees it unused unless packet work comes between.
    /// </summary>
    public bool TryEnterIdle()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            return false;
        }

        if (_usedSinceSweep)
        {
            _usedSinceSweep = false;
            Exit();
            return false;
        }

        return true;
    }

    public void Exit() => Volatile.Write(ref _held, 0);
}
