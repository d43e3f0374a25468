using System.Threading.Channels;

namespace Emulator.Comware.Logging;

/// <summary>
/// The sessions that asked for <c>terminal monitor</c> (per device: <c>device.GetState&lt;MonitorHub&gt;()</c>). A
/// message is only queued here; each session prints its queue itself, between prompts, so no client write ever
/// happens under the device lock or on the emitter's thread.
/// </summary>
public sealed class MonitorHub
{
    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _subscribers = [];

    public Channel<string> Subscribe()
    {
        // A session that does not read (a stalled client) loses its oldest messages, never blocks the emitter.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<string> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }
    }

    public void Post(string line)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(line);
            }
        }
    }
}
