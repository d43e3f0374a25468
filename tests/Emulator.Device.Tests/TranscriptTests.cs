using System.Text;
using Emulator.Comware.Runtime;
using Emulator.Device.Transcripts;

namespace Emulator.Device.Tests;

public sealed class TranscriptTests
{
    private static SessionTranscript Start(TranscriptStore store) =>
        (SessionTranscript)store.Start(new RecordedSession("admin", "VTY 0", "127.0.0.1", "SSH", "shell", 80, 24));

    [Fact]
    public void Input_typed_at_a_prompt_that_does_not_echo_is_kept_as_stars()
    {
        var store = new TranscriptStore(TimeProvider.System);
        var transcript = Start(store);
        transcript.Output("Password:");
        transcript.Input(Encoding.UTF8.GetBytes("hunter2\r"), hidden: true);
        transcript.LineEntered(secret: null);
        transcript.Dispose();

        var events = transcript.Events();
        Assert.Contains(events, e => e is { Kind: "i", Text: "********" });
        Assert.DoesNotContain(events, e => e.Text.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waiting_session_keeps_its_held_back_banner_in_exactly_sized_buffers()
    {
        var store = new TranscriptStore(TimeProvider.System);
        var transcript = Start(store);
        // A login banner arrives in many small writes, which a builder keeps in chained chunks with spare room (issue 15).
        var banner = new StringBuilder();
        for (var i = 0; i < 14; i++)
        {
            var piece = i % 2 == 0 ? $"* banner line {i} with some text in it to make it longer *" : "\r\n";
            transcript.Output(piece);
            banner.Append(piece);
        }

        ((ISessionRecording)transcript).Waiting();
        Assert.Equal(banner.Length, transcript.HeldCapacity);

        transcript.Output("<H3C>");
        transcript.LineEntered(secret: null);
        Assert.Equal(banner + "<H3C>", string.Concat(transcript.Events().Select(e => e.Text)));
    }

    [Fact]
    public void A_store_keeps_a_bounded_number_of_ended_sessions_newest_last()
    {
        var store = new TranscriptStore(TimeProvider.System);
        for (var i = 0; i < TranscriptStore.MaxSessions + 10; i++)
        {
            using var transcript = Start(store);
            transcript.Output("x");
        }

        Assert.Equal(TranscriptStore.MaxSessions, store.Sessions.Count);
        Assert.Equal(TranscriptStore.MaxSessions + 10, store.Sessions[^1].Id);
    }

    [Fact]
    public void Output_past_the_cap_is_dropped_and_flagged()
    {
        var store = new TranscriptStore(TimeProvider.System);
        using var transcript = Start(store);
        transcript.Output(new string('a', SessionTranscript.MaxChars));
        transcript.Output("more");
        Assert.True(transcript.Truncated);
        Assert.Equal(SessionTranscript.MaxChars, transcript.Chars);
    }
}
