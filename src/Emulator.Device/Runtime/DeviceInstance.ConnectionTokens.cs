namespace Emulator.Device.Runtime;

public sealed partial class DeviceInstance
{
    /// <summary>The token every connection of one listener runs under, until a reboot replaces the sessions' source.</summary>
    private sealed record ConnectionScope(CancellationTokenSource Sessions, CancellationTokenSource Linked, CancellationToken Listener);

    private enum ScopeSlot { Ssh, Netconf, Telnet }

    /// <summary>
    /// A token that fires when the device stops, a reboot ends its sessions, or the listener closes. One linked source
    /// per listener serves all its connections: one per connection held three registrations (about 350 bytes) for
    /// as long as each session stayed open.
    /// </summary>
    private CancellationToken ConnectionToken(ScopeSlot slot, CancellationToken listenerToken)
    {
        var live = L;
        while (true)
        {
            var sessions = Volatile.Read(ref live.SessionsCts);
            ref var scope = ref live.Scopes[(int)slot];
            var current = Volatile.Read(ref scope);
            if (current is not null && current.Sessions == sessions && current.Listener == listenerToken)
            {
                return current.Linked.Token;
            }

            var made = new ConnectionScope(sessions,
                CancellationTokenSource.CreateLinkedTokenSource(live.Stopping.Token, sessions.Token, listenerToken), listenerToken);
            if (Interlocked.CompareExchange(ref scope, made, current) != current)
            {
                made.Linked.Dispose();
                continue;
            }

            if (current is not null && current.Linked.IsCancellationRequested)
            {
                // Its connections were all told already; disposing it unregisters it from the device and the listener.
                current.Linked.Dispose();
            }

            return made.Linked.Token;
        }
    }
}
