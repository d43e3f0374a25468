using System.IO.Pipelines;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Tests.Terminal;

/// <summary>
/// Issue 15: the idle timeout wakes a waiting read with CancelPendingRead (one timer per session, no token sources per
/// wait). Such a wake-up must not end the input; without the idle timer, a cancelled read still ends it as before.
/// </summary>
public class KeyReaderTests
{
    [Fact]
    public async Task An_interrupted_read_returns_no_key_and_the_input_goes_on()
    {
        var pipe = new Pipe();
        var reader = new KeyReader(pipe.Reader) { InterruptibleByCancel = true };
        var pending = reader.ReadAsync(TestContext.Current.CancellationToken);
        pipe.Reader.CancelPendingRead();
        Assert.Null(await pending);
        Assert.True(reader.LastReadInterrupted);

        await pipe.Writer.WriteAsync("a"u8.ToArray(), TestContext.Current.CancellationToken);
        var key = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal('a', key?.Character);
        Assert.False(reader.LastReadInterrupted);
    }

    [Fact]
    public async Task A_wake_up_with_bytes_already_there_returns_the_key()
    {
        var pipe = new Pipe();
        var reader = new KeyReader(pipe.Reader) { InterruptibleByCancel = true };
        await pipe.Writer.WriteAsync("b"u8.ToArray(), TestContext.Current.CancellationToken);
        pipe.Reader.CancelPendingRead();
        var key = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal('b', key?.Character);
    }

    [Fact]
    public async Task Without_interruption_a_cancelled_read_ends_the_input()
    {
        var pipe = new Pipe();
        var reader = new KeyReader(pipe.Reader);
        var pending = reader.ReadAsync(TestContext.Current.CancellationToken);
        pipe.Reader.CancelPendingRead();
        Assert.Null(await pending);
        Assert.False(reader.LastReadInterrupted);
        await pipe.Writer.WriteAsync("c"u8.ToArray(), TestContext.Current.CancellationToken);
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }
}
