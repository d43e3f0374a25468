using System.Net;

namespace Emulator.Ssh;

/// <summary>
/// The unauthenticated connections of one server, oldest first, with the rule that keeps a flood of half-open
/// connections from locking good clients out. When a slot is needed (all <c>maxTotal</c> taken, or the newcomer's
/// source holds <c>maxPerSource</c>), the oldest connection that has not finished key exchange is dropped, else the
/// oldest that has not authenticated: never the newcomer. A good client finishes key exchange within milliseconds, so
/// a flood of stalled handshakes evicts its own members first. (OpenSSH's MaxStartups random early drop refuses
/// newcomers, which lets a flood starve everyone.)
/// </summary>
internal sealed class PreAuthAdmission
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Ticket> _waiting = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Takes a slot for a new connection, evicting an older one when the limits are reached.</summary>
    /// <param name="maxPerSource">Slots one source address may hold; zero or less means no per-source limit.</param>
    public Ticket Admit(IPAddress? source, int maxTotal, int maxPerSource, out bool evictedOther)
    {
        var ticket = new Ticket(this, source);
        Ticket? victim = null;
        lock (_lock)
        {
            if (maxPerSource > 0 && source is not null && CountFrom(source) >= maxPerSource)
            {
                victim = Oldest(t => source.Equals(t.Source));
            }
            else if (_waiting.Count >= Math.Max(1, maxTotal))
            {
                victim = Oldest(static _ => true);
            }

            if (victim is not null)
            {
                _waiting.Remove(victim.Node);
            }

            _waiting.AddLast(ticket.Node);
        }

        victim?.Evict();
        evictedOther = victim is not null;
        return ticket;
    }

    private int CountFrom(IPAddress source)
    {
        var count = 0;
        foreach (var ticket in _waiting)
        {
            count += source.Equals(ticket.Source) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The oldest matching connection still in key exchange, else the oldest matching one.</summary>
    private Ticket? Oldest(Func<Ticket, bool> match)
    {
        Ticket? oldestKeyed = null;
        foreach (var ticket in _waiting)
        {
            if (!match(ticket))
            {
                continue;
            }

            if (!ticket.KeyExchangeDone)
            {
                return ticket;
            }

            oldestKeyed ??= ticket;
        }

        return oldestKeyed;
    }

    private void Remove(Ticket ticket)
    {
        lock (_lock)
        {
            if (ticket.Node.List is not null)
            {
                _waiting.Remove(ticket.Node);
            }
        }
    }

    /// <summary>One connection's slot, from accept until authentication or the end of the connection.</summary>
    internal sealed class Ticket : IDisposable
    {
        private readonly PreAuthAdmission _owner;
        private readonly CancellationTokenSource _eviction = new();
        private volatile bool _keyExchangeDone;

        public Ticket(PreAuthAdmission owner, IPAddress? source)
        {
            _owner = owner;
            Source = source;
            Node = new LinkedListNode<Ticket>(this);
        }

        public IPAddress? Source { get; }

        public LinkedListNode<Ticket> Node { get; }

        public bool KeyExchangeDone => _keyExchangeDone;

        /// <summary>Cancelled when a newcomer needed this slot.</summary>
        public CancellationToken Evicted => _eviction.Token;

        public bool WasEvicted => _eviction.IsCancellationRequested;

        /// <summary>The first key exchange is through: from now on this connection is dropped only after every stalled handshake.</summary>
        public void OnKeyExchangeDone() => _keyExchangeDone = true;

        /// <summary>Gives the slot back (authenticated or closed); idempotent.</summary>
        public void Release() => _owner.Remove(this);

        public void Evict()
        {
            try
            {
                _eviction.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection ended meanwhile.
            }
        }

        public void Dispose()
        {
            Release();
            _eviction.Dispose();
        }
    }
}
