using Emulator.Ssh.Transport;

namespace Emulator.Ssh;

/// <summary>
/// Every <see cref="Interval"/>, asks each logged-in connection of one server to let go of the state it can rebuild
/// and has not used since the previous sweep (<see cref="IPacketConnection.ReleaseIdleState"/>): a shell that waits
/// for its user holds its ciphers' native contexts for at most two intervals. One timer per server, running only while
/// the server has logged-in connections; a connection costs one slot of a list.
/// </summary>
internal sealed class IdleStateSweeper : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Releases in one sweep worth giving the C heap's free pages back for (a trim walks every arena).</summary>
    private const int TrimAfter = 16;

    private readonly Lock _lock = new();
    private readonly List<IPacketConnection?> _slots = [];
    private readonly Stack<int> _free = new();
    private readonly ITimer _timer;
    private int _count;
    private bool _running;

    public IdleStateSweeper(TimeProvider time) =>
        _timer = time.CreateTimer(static state => ((IdleStateSweeper)state!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Pieces of state released by all sweeps so far (tests, diagnostics).</summary>
    public long Released { get; private set; }

    /// <summary>Sweeps <paramref name="connection"/> until the returned registration is disposed.</summary>
    public Registration Track(IPacketConnection connection)
    {
        lock (_lock)
        {
            int slot;
            if (_free.TryPop(out slot))
            {
                _slots[slot] = connection;
            }
            else
            {
                slot = _slots.Count;
                _slots.Add(connection);
            }

            _count++;
            if (!_running)
            {
                _running = true;
                _timer.Change(Interval, Interval);
            }

            return new Registration(this, slot);
        }
    }

    private void Untrack(int slot)
    {
        lock (_lock)
        {
            _slots[slot] = null;
            _free.Push(slot);
            _count--;
        }
    }

    /// <summary>Runs on the timer; the releases never block, so holding the lock over them keeps registration simple.</summary>
    internal void Sweep()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                // Nothing to sweep: the timer rests until the next login. The slots go too, so a burst of sessions
                // long ended leaves no list behind.
                _running = false;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _slots.Clear();
                _slots.TrimExcess();
                _free.Clear();
                _free.TrimExcess();
                return;
            }

            var released = 0;
            foreach (var connection in _slots)
            {
                if (connection is not null)
                {
                    released += connection.ReleaseIdleState();
                }
            }

            Released += released;
            if (released >= TrimAfter)
            {
                NativeHeap.Trim();
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>A tracked connection; disposing it stops the sweeps.</summary>
    public readonly struct Registration(IdleStateSweeper sweeper, int slot) : IDisposable
    {
        public void Dispose() => sweeper.Untrack(slot);
    }
}
