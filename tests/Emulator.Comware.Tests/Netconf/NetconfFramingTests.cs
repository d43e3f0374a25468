using System.IO.Pipelines;
using System.Text;
using Emulator.Comware.Netconf;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>RFC 6242 framing: end-of-message for base:1.0, chunks for base:1.1, bounded messages, broken frames.</summary>
public sealed class NetconfFramingTests
{
    private static async Task<(NetconfFraming Framing, Pipe Pipe)> WithInputAsync(string wire, NetconfFramingMode mode, int max = 1024, bool complete = true)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(wire), TestContext.Current.CancellationToken);
        if (complete)
        {
            await pipe.Writer.CompleteAsync();
        }

        return (new NetconfFraming(pipe.Reader, new Pipe().Writer, max) { Mode = mode }, pipe);
    }

    [Fact]
    public async Task End_of_message_frames_split_two_messages_and_end_cleanly()
    {
        var (framing, _) = await WithInputAsync("<a/>]]>]]><b/>]]>]]>\n", NetconfFramingMode.EndOfMessage);
        Assert.Equal("<a/>", await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
        Assert.Equal("<b/>", await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
        Assert.Null(await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Chunked_frames_join_the_chunks_of_a_message()
    {
        var (framing, _) = await WithInputAsync("\n#4\n<rpc\n#3\n/>x\n##\n\n#4\n<b/>\n##\n", NetconfFramingMode.Chunked);
        Assert.Equal("<rpc/>x", await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
        Assert.Equal("<b/>", await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
        Assert.Null(await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("#4\n<rpc\n##\n")]          // no leading LF
    [InlineData("\n#04\n<rpc\n##\n")]       // leading zero
    [InlineData("\n#x\n")]                  // not a number
    [InlineData("\n##\n")]                  // end-of-chunks without a chunk
    [InlineData("\n#99999999999\n")]        // more than 10 digits
    [InlineData("\n#5\n<rpc")]              // input ends inside a chunk
    public async Task Broken_chunk_framing_is_a_framing_error(string wire)
    {
        var (framing, _) = await WithInputAsync(wire, NetconfFramingMode.Chunked);
        await Assert.ThrowsAsync<NetconfFramingException>(async () => await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_message_above_the_bound_is_refused_before_it_is_complete()
    {
        var (eom, _) = await WithInputAsync(new string('x', 2000), NetconfFramingMode.EndOfMessage, max: 1024, complete: false);
        await Assert.ThrowsAsync<NetconfFramingException>(async () => await eom.ReadMessageAsync(TestContext.Current.CancellationToken));

        var (chunked, _) = await WithInputAsync("\n#4294967295\n", NetconfFramingMode.Chunked, max: 1024, complete: false);
        await Assert.ThrowsAsync<NetconfFramingException>(async () => await chunked.ReadMessageAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Input_ending_inside_an_end_of_message_frame_is_an_error()
    {
        var (framing, _) = await WithInputAsync("<rpc>", NetconfFramingMode.EndOfMessage);
        await Assert.ThrowsAsync<NetconfFramingException>(async () => await framing.ReadMessageAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writes_use_the_current_mode()
    {
        var pipe = new Pipe();
        var framing = new NetconfFraming(new Pipe().Reader, pipe.Writer);
        await framing.WriteMessageAsync("<a/>", TestContext.Current.CancellationToken);
        framing.Mode = NetconfFramingMode.Chunked;
        await framing.WriteMessageAsync("<é/>", TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("<a/>]]>]]>\n#5\n<é/>\n##\n", Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(result.Buffer)));
    }
}
