namespace Emulator.Comware.Runtime;

/// <summary>
/// Keeps what sessions print and run, for labs that need to see what a student or a script did. The CLI reports
/// every byte it writes and every command line it runs; typed secrets reach the recorder only to be masked.
/// </summary>
public interface ISessionRecorder
{
    ISessionRecording Start(RecordedSession session);
}

/// <param name="Kind"><c>shell</c> or <c>exec</c>.</param>
public sealed record RecordedSession(string User, string Line, string Remote, string Protocol, string Kind, int Columns, int Rows);

/// <summary>One session's recording; disposing it marks the session ended.</summary>
public interface ISessionRecording : IDisposable
{
    /// <summary>Text written to the client, in order.</summary>
    void Output(ReadOnlySpan<char> text);

    /// <summary>
    /// Bytes the client sent, in order. <paramref name="hidden"/>: typed at a prompt that does not echo (a password),
    /// so only their count may be kept.
    /// </summary>
    void Input(ReadOnlySpan<byte> bytes, bool hidden);

    /// <summary>
    /// A line was entered. When it carries a secret (<paramref name="secret"/> is not null, e.g. the text after
    /// <c>password</c>), its echo must not survive in the recording.
    /// </summary>
    void LineEntered(string? secret);

    /// <summary>A command line ran (<paramref name="line"/> with secrets already masked).</summary>
    void Command(string line, CommandResult result, TimeSpan elapsed);

    /// <summary>
    /// The session now waits for the client (often for a long time: thousands of idle shells), so a recording may give
    /// back the spare room of its buffers.
    /// </summary>
    void Waiting()
    {
    }
}
