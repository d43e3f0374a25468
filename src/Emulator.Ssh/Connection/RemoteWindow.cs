using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Connection;

/// <summary>
/// The peer's receive window for one channel (RFC 4254 5.2): how many data bytes we may still send. Senders wait
/// while it is zero; SSH_MSG_CHANNEL_WINDOW_ADJUST wakes them.
/// </summary>
internal sealed class RemoteWindow
{
    private readonly Lock _lock = new();
    private long _available;
    private TaskCompletionSource? _waiter;

    public RemoteWindow(uint initial) => _available = initial;

    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    public void Add(uint bytes)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _available += bytes;
            if (_available > uint.MaxValue)
            {
                throw new SshDisconnectException(DisconnectReason.ProtocolError, "window adjusted beyond 2^32-1");
            }

            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Takes between 1 and <paramref name="wanted"/> bytes of window, waiting until some is available.</summary>
    public async ValueTask<int> AcquireAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_available > 0)
                {
                    var granted = (int)Math.Min(wanted, _available);
                    _available -= granted;
                    return granted;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }
}
