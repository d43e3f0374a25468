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
