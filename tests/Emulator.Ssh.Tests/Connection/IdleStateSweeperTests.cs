using Emulator.Ssh.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>The server's sweep over its logged-in connections (Crypto.IdleCipherReleaseTests: what they release).</summary>
public class IdleStateSweeperTests
{
    [Fact]
    public void Each_tracked_connection_is_asked_every_interval_until_its_registration_ends()
    {
        var time = new FakeTimeProvider();
        using var sweeper = new IdleStateSweeper(time);
        var first = new CountingConnection();
        var second = new CountingConnection();
        var a = sweeper.Track(first);
        using (sweeper.Track(second))
        {
            time.Advance(IdleStateSweeper.Interval);
            time.Advance(IdleStateSweeper.Interval);
            Assert.Equal(2, first.Asked);
            Assert.Equal(2, second.Asked);
        }

        time.Advance(IdleStateSweeper.Interval);
        Assert.Equal(3, first.Asked);
        Assert.Equal(2, second.Asked);
        Assert.Equal(5, sweeper.Released);
        a.Dispose();
    }

    [Fact]
    public void The_timer_rests_with_no_connections_and_starts_again_with_the_next()
    {
        var time = new FakeTimeProvider();
        using var sweeper = new IdleStateSweeper(time);
        sweeper.Track(new CountingConnection()).Dispose();
        time.Advance(IdleStateSweeper.Interval); // finds none: rests
        time.Advance(IdleStateSweeper.Interval * 10);
        var next = new CountingConnection();
        using (sweeper.Track(next))
        {
            time.Advance(IdleStateSweeper.Interval);
            Assert.Equal(1, next.Asked);
        }
    }

    /// <summary>Counts the sweeps and says it released one piece each time; nothing else is called.</summary>
    private sealed class CountingConnection : IPacketConnection
    {
        public int Asked { get; private set; }

        public int ReleaseIdleState()
        {
            Asked++;
            return 1;
        }

        public ReadOnlyMemory<byte> SessionId => throw new NotSupportedException();

        public ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask WaitForSendRoomAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask SendUnimplementedAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public void OnAuthenticated() => throw new NotSupportedException();

        public ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
