using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>
/// Issue 15, sessions: an idle shell holds little. Events can go to a callback (no task waiting for a whole session),
/// stderr and the event queue are made only when used, and the connection layer keeps no per-connection dictionaries
/// or linked token sources while it waits.
/// </summary>
[Collection(nameof(IdleSessionMemory))]
public class IdleSessionTests
{
    [Fact]
    public async Task HandleEvents_gets_the_events_queued_before_it_then_each_new_one()
    {
        var handler = new CliLikeHandler(subscribeAfterFirstInput: true);
        await using var harness = new UpperLayerHarness(o => WithHandler(o, handler));
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.ChannelRequest(channel, "shell", true);
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        // Queued: the handler subscribes only once it has read the first input.
        peer.ChannelRequest(channel, "window-change", false, b => b.UInt32(100).UInt32(40).UInt32(0).UInt32(0));
        peer.Data(channel, Encoding.ASCII.GetBytes("x"));
        await handler.Subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        peer.ChannelRequest(channel, "window-change", false, b => b.UInt32(120).UInt32(50).UInt32(0).UInt32(0));
        peer.ChannelRequest(channel, "signal", false, b => b.String("INT"));
        for (var i = 0; i < 200 && handler.Events.Count < 3; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Equal<SessionEvent>([new WindowChanged(100, 40), new WindowChanged(120, 50), new SignalReceived("INT")], handler.Events);
    }

    [Fact]
    public async Task Stderr_still_works_when_first_written_late()
    {
        var handler = new CliLikeHandler(subscribeAfterFirstInput: false) { WriteStderrOnInput = true };
        await using var harness = new UpperLayerHarness(o => WithHandler(o, handler));
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.ChannelRequest(channel, "shell", true);
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        peer.Data(channel, Encoding.ASCII.GetBytes("e"));
        var data = await peer.ExpectAsync(MessageNumbers.ChannelExtendedData);
        Assert.EndsWith("late\n", Encoding.ASCII.GetString(data));
    }

    /// <summary>
    /// What 200 idle shells keep on the managed heap, server and in-memory client together (no transport, no crypto).
    /// Measured 2026-12-06: 12.9 KB per session before (stderr pipe and pump, an event reader task, two concurrent
    /// dictionaries, linked token sources, the login phase kept for the whole session), 8.5 KB after; the in-memory
    /// client's share is the same in both.
    /// </summary>
    [Fact]
    public async Task Two_hundred_idle_shells_keep_under_10_5_KB_each()
    {
        const int sessions = 200;
        var handler = new CliLikeHandler(subscribeAfterFirstInput: false);
        await using var harness = new UpperLayerHarness(o => WithHandler(o, handler));
        // Warm up (first-use statics, pools), then measure.
        var warm = await harness.ConnectAuthenticatedAsync();
        await OpenShellAsync(warm);
        var peers = new List<TestPeer>(sessions);
        var before = Retained();
        for (var i = 0; i < sessions; i++)
        {
            var peer = await harness.ConnectAuthenticatedAsync();
            await OpenShellAsync(peer);
            peers.Add(peer);
        }

        while (handler.Running < sessions + 1)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var perSession = (Retained() - before) / (double)sessions;
        GC.KeepAlive(peers);
        Assert.True(perSession < 10_500, $"{perSession:0} bytes per idle session");
    }

    private static async Task OpenShellAsync(TestPeer peer)
    {
        var channel = await peer.OpenSessionAsync(0);
        peer.ChannelRequest(channel, "pty-req", false, b => b.String("xterm").UInt32(80).UInt32(24).UInt32(0).UInt32(0).String(""));
        peer.ChannelRequest(channel, "shell", true);
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
    }

    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static SshServerOptions WithHandler(SshServerOptions o, ISessionHandler handler) => new()
    {
        HostKeys = o.HostKeys,
        Authenticator = o.Authenticator,
        Sessions = handler,
        AuthenticationFailureDelay = TimeSpan.Zero,
    };

    /// <summary>Waits on its input as the CLI does, takes events by callback, writes stderr only when asked.</summary>
    private sealed class CliLikeHandler(bool subscribeAfterFirstInput) : ISessionHandler
    {
        private int _running;

        public ConcurrentQueue<SessionEvent> Events { get; } = new();

        public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool WriteStderrOnInput { get; init; }

        public int Running => Volatile.Read(ref _running);

        public ValueTask<bool> SupportsSubsystemAsync(SubsystemRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public async Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _running);
            if (!subscribeAfterFirstInput)
            {
                Subscribe(session);
            }

            while (true)
            {
                var result = await session.Input.ReadAsync(cancellationToken);
                session.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return 0;
                }

                if (subscribeAfterFirstInput && !Subscribed.Task.IsCompleted)
                {
                    Subscribe(session);
                }

                if (WriteStderrOnInput)
                {
                    await session.ErrorOutput.WriteAsync(Encoding.ASCII.GetBytes("late\n"), cancellationToken);
                }
            }
        }

        private void Subscribe(SshSession session)
        {
            session.HandleEvents(Events.Enqueue);
            Subscribed.TrySetResult();
        }
    }
}

[CollectionDefinition(nameof(IdleSessionMemory), DisableParallelization = true)]
public sealed class IdleSessionMemory;
