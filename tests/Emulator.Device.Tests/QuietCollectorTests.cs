using Emulator.Device.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Device.Tests;

/// <summary>Issue 15: after a burst of refused or hostile connections the host gives the memory back once it is quiet.</summary>
public sealed class QuietCollectorTests
{
    [Fact]
    public void A_burst_then_quiet_collects_once_and_a_steady_stream_never()
    {
        var time = new FakeTimeProvider();
        var collections = 0;
        using var collector = new QuietCollector(time, () => collections++);

        for (var i = 0; i < QuietCollector.Burst - 1; i++)
        {
            collector.Connected();
        }

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, collections); // fewer than a burst: nothing worth returning

        collector.Connected();
        for (var i = 0; i < 10; i++)
        {
            time.Advance(QuietCollector.Quiet / 2);
            collector.Connected(); // still arriving: no collection in the middle of the burst
        }

        Assert.Equal(0, collections);
        time.Advance(QuietCollector.Quiet);
        Assert.Equal(1, collections);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, collections); // once per burst
    }

    [Fact]
    public void Connections_ending_together_count_as_a_burst_too()
    {
        var time = new FakeTimeProvider();
        var collections = 0;
        using var collector = new QuietCollector(time, () => collections++);
        for (var i = 0; i < QuietCollector.Burst; i++)
        {
            collector.Disconnected();
        }

        time.Advance(QuietCollector.Quiet);
        Assert.Equal(1, collections);
    }
}
