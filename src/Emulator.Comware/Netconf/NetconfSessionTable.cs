namespace Emulator.Comware.Netconf;

/// <summary>
/// The NETCONF sessions of one device: their ids (the hello's session-id), who holds the running datastore's lock
/// (RFC 6241 7.5) and how <c>kill-session</c> (7.9) reaches another session. Thread-safe on its own lock, separate from
/// the device lock so that a session waiting on its client never blocks another. A reset or reboot replaces it with the
/// rest of the device state; reboot closes the sessions anyway.
/// </summary>
public sealed class NetconfSessionTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, CancellationTokenSource> _sessions = [];
    private int _nextId;

    /// <summary>Session id holding the running lock; 0 = none.</summary>
    public int LockOwner { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Registers a session; cancelling <paramref name="kill"/> ends it.</summary>
    public int Open(CancellationTokenSource kill)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            _sessions[id] = kill;
            return id;
        }
    }

    /// <summary>Registers a session of a replaced table under its old id (see <see cref="NetconfSession"/>).</summary>
    public void Adopt(int id, CancellationTokenSource kill)
    {
        lock (_gate)
        {
            _sessions[id] = kill;
            _nextId = Math.Max(_nextId, id);
        }
    }

    /// <summary>Forgets a session and frees the lock it held (7.5: a lock ends with its session).</summary>
    public void Close(int id)
    {
        lock (_gate)
        {
            _sessions.Remove(id);
            if (LockOwner == id)
            {
                LockOwner = 0;
            }
        }
    }

    /// <summary>Takes the lock; returns the holder's id when another session has it, 0 on success.</summary>
    public int TryLock(int id)
    {
        lock (_gate)
        {
            if (LockOwner != 0 && LockOwner != id)
            {
                return LockOwner;
            }

            if (LockOwner == id)
            {
                return id;
            }

            LockOwner = id;
            return 0;
        }
    }

    public bool Unlock(int id)
    {
        lock (_gate)
        {
            if (LockOwner != id)
            {
                return false;
            }

            LockOwner = 0;
            return true;
        }
    }

    /// <summary>Whether <paramref name="id"/> may change the running datastore (no other session holds the lock).</summary>
    public bool MayWrite(int id)
    {
        lock (_gate)
        {
            return LockOwner == 0 || LockOwner == id;
        }
    }

    /// <summary>Ends another session; false when no such session is open.</summary>
    public bool Kill(int id)
    {
        CancellationTokenSource? target;
        lock (_gate)
        {
            if (!_sessions.Remove(id, out target))
            {
                return false;
            }

            if (LockOwner == id)
            {
                LockOwner = 0;
            }
        }

        try
        {
            target.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended on its own meanwhile.
        }

        return true;
    }
}
