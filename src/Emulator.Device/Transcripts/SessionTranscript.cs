using System.Text;
using Emulator.Comware.Runtime;

namespace Emulator.Device.Transcripts;

/// <summary>One timed piece of a transcript: <see cref="OutputKind"/> what the device printed, <see cref="InputKind"/> what the client sent.</summary>
public sealed record TranscriptEvent(double Seconds, string Kind, string Text)
{
    public const string OutputKind = "o";
    public const string InputKind = "i";
}

/// <summary>One command line a session ran, as the command history lists it.</summary>
public sealed record RecordedCommand(DateTimeOffset At, string User, string Line, string Command, string Result, double ElapsedMs);

/// <summary>
/// What one session printed and typed (timed "o" and "i" events, as asciicast v2 records them) and the commands it
/// ran. Output and input since the last entered line are held back until the line is entered, so a secret typed on it
/// (<c>password simple …</c>) is masked in both before it joins the recording; what is typed at a prompt that does not
/// echo arrives as stars. Bounded: past <see cref="MaxChars"/> nothing more is kept and the transcript says so.
/// </summary>
public sealed class SessionTranscript : ISessionRecording
{
    public const int MaxChars = 512 * 1024;
    public const int MaxCommands = 2_000;

    // Output arriving within this time of the previous piece joins its event: a display is one event, not thousands.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly List<TranscriptEvent> _events = [];
    private readonly List<(double Seconds, StringBuilder Text)> _pending = [];
    private readonly List<(double Seconds, StringBuilder Text)> _pendingInput = [];
    private readonly List<RecordedCommand> _commands = [];
    private readonly Action<SessionTranscript> _onEnd;
    private int _chars;

    internal SessionTranscript(int id, RecordedSession session, TimeProvider time, Action<SessionTranscript> onEnd)
    {
        Id = id;
        Session = session;
        _time = time;
        _onEnd = onEnd;
        Started = time.GetUtcNow();
        _startTimestamp = time.GetTimestamp();
    }

    public int Id { get; }

    public RecordedSession Session { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset? Ended { get; private set; }

    public bool Truncated { get; private set; }

    /// <summary>Characters of output kept (written under the transcript's lock; one int needs none to be read).</summary>
    public int Chars => Volatile.Read(ref _chars);

    public void Output(ReadOnlySpan<char> text)
    {
        lock (_lock)
        {
            Append(_pending, text);
        }
    }

    public void Input(ReadOnlySpan<byte> bytes, bool hidden)
    {
        var text = hidden ? new string('*', Encoding.UTF8.GetCharCount(bytes)) : Encoding.UTF8.GetString(bytes);
        lock (_lock)
        {
            Append(_pendingInput, text);
        }
    }

    public void LineEntered(string? secret)
    {
        lock (_lock)
        {
            if (secret is not null)
            {
                Mask(_pending, secret);
                Mask(_pendingInput, secret);
            }

            Commit();
        }
    }

    public void Command(string line, CommandResult result, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (_commands.Count < MaxCommands)
            {
                _commands.Add(new RecordedCommand(_time.GetUtcNow(), Session.User, Session.Line, line, ResultName(result), elapsed.TotalMilliseconds));
            }
        }
    }

    /// <summary>
    /// Held-back text is built up in pieces (a login banner arrives in a dozen writes), and a builder grows in chained
    /// chunks with spare room: while the session waits, each piece is kept in one exactly sized buffer instead (an
    /// idle shell's banner: six chunks and their spare room down to one).
    /// </summary>
    public void Waiting()
    {
        lock (_lock)
        {
            Compact(_pending);
            Compact(_pendingInput);
        }
    }

    /// <summary>Characters the held-back buffers have room for (tests: exactly what they hold once compacted).</summary>
    internal int HeldCapacity
    {
        get
        {
            lock (_lock)
            {
                return _pending.Sum(p => p.Text.Capacity) + _pendingInput.Sum(p => p.Text.Capacity);
            }
        }
    }

    private static void Compact(List<(double Seconds, StringBuilder Text)> pending)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            var (seconds, text) = pending[i];
            if (text.Capacity > text.Length)
            {
                pending[i] = (seconds, new StringBuilder(text.Length).Append(text));
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (Ended is not null)
            {
                return;
            }

            // A line never entered was never run: its echo is kept as typed, secrets cannot be told from text there.
            Commit();
            Ended = _time.GetUtcNow();
        }

        _onEnd(this);
    }

    /// <summary>Entered lines only: a live session's current line stays out until it is entered.</summary>
    public IReadOnlyList<TranscriptEvent> Events()
    {
        lock (_lock)
        {
            return [.. _events];
        }
    }

    public IReadOnlyList<RecordedCommand> Commands()
    {
        lock (_lock)
        {
            return [.. _commands];
        }
    }

    private double Seconds() => _time.GetElapsedTime(_startTimestamp).TotalSeconds;

    private void Append(List<(double Seconds, StringBuilder Text)> pending, ReadOnlySpan<char> text)
    {
        if (Ended is not null || text.IsEmpty)
        {
            return;
        }

        if (_chars + text.Length > MaxChars)
        {
            Truncated = true;
            return;
        }

        _chars += text.Length;
        var now = Seconds();
        if (pending.Count > 0 && now - pending[^1].Seconds <= Coalesce.TotalSeconds)
        {
            pending[^1].Text.Append(text);
        }
        else
        {
            pending.Add((now, new StringBuilder().Append(text)));
        }
    }

    /// <summary>Moves held-back output and input into the recording, in time order.</summary>
    private void Commit()
    {
        if (_pending.Count == 0 && _pendingInput.Count == 0)
        {
            // A full transcript keeps nothing more: every later line lands here.
            return;
        }

        var held = _pending.Select(p => new TranscriptEvent(p.Seconds, TranscriptEvent.OutputKind, p.Text.ToString()))
            .Concat(_pendingInput.Select(p => new TranscriptEvent(p.Seconds, TranscriptEvent.InputKind, p.Text.ToString())))
            .OrderBy(e => e.Seconds);
        _events.AddRange(held);
        _pending.Clear();
        _pendingInput.Clear();
    }

    /// <summary>Stars over the last echo of each secret word, across event boundaries (keystrokes echo one by one).</summary>
    private static void Mask(List<(double Seconds, StringBuilder Text)> pending, string secret)
    {
        var joined = new StringBuilder();
        foreach (var (_, text) in pending)
        {
            joined.Append(text);
        }

        var all = joined.ToString();
        var masked = all.ToCharArray();
        var searchEnd = all.Length;
        foreach (var word in secret.Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            var at = all.LastIndexOf(word, searchEnd - 1 < 0 ? 0 : searchEnd - 1, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            Array.Fill(masked, '*', at, word.Length);
            searchEnd = at;
        }

        var position = 0;
        foreach (var (_, text) in pending)
        {
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = masked[position++];
            }
        }
    }

    private static string ResultName(CommandResult result) => result switch
    {
        CommandResult.Ok => "ok",
        CommandResult.Failed => "failed",
        CommandResult.SyntaxError => "syntax_error",
        _ => "denied",
    };
}
