namespace Emulator.Comware.Logging;

/// <summary>
/// The log buffer <c>display logbuffer</c> shows: the newest messages, oldest first, up to a size (Comware's default
/// 512); older ones are overwritten and counted. Written from any thread.
/// </summary>
public sealed class LogBuffer(int capacity)
{
    private readonly Queue<string> _messages = new();
    private readonly Lock _lock = new();
    private long _overwritten;

    public int Capacity { get; } = capacity;

    public long Overwritten => Interlocked.Read(ref _overwritten);

    public void Add(string message)
    {
        lock (_lock)
        {
            if (_messages.Count == Capacity)
            {
                _messages.Dequeue();
                Interlocked.Increment(ref _overwritten);
            }

            _messages.Enqueue(message);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _messages];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
        }
    }
}
