using System.Text;
using Emulator.Comware.Sessions;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Shell;

/// <summary>
/// A session's side of its terminal: keys in (typed-ahead keys first, the line's idle timeout while waiting), text out.
/// Every wait on the client happens here, so nothing that calls it may hold the device lock.
/// </summary>
internal sealed class TerminalIo(CliTerminal terminal, string newLine, TimeProvider time, Login? login)
{
    private readonly KeyReader _keys = new(terminal.Input);

    private Runtime.ISessionRecording? _recording;
    private bool _hiddenInput;
    private ITimer? _idleTimer;
    private bool _idleExpired;

    public TerminalWriter Writer { get; } = new(terminal.Output, newLine);

    /// <summary>Gets a copy of what is written and read (session transcripts); null for none.</summary>
    public Runtime.ISessionRecording? Recording
    {
        get => _recording;
        set
        {
            _recording = value;
            Writer.Recording = value;
            _keys.Observer = value is null ? null : bytes => value.Input(bytes, _hiddenInput);
        }
    }

    /// <summary>Ends the session when no key arrives for this long (the line's <c>idle-timeout</c>); null never times out.</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>The last read ended because the idle timeout expired.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>
    /// The next typed-ahead key, synchronously; false when none is queued. A pasted script or keys typed ahead are
    /// handled without a task per key (the line's idle clock was touched when they were read; Enter touches it again).
    /// </summary>
    public bool TryReadBufferedKey(out Key key) => _keys.TryReadBuffered(out key);

    /// <summary>Typed-ahead keys that <paramref name="take"/> accepts, as characters (see <see cref="KeyReader.ReadBufferedCharacters"/>).</summary>
    public int ReadTypedAhead(Span<char> into, Func<Key, bool> take) => _keys.ReadBufferedCharacters(into, take);

    /// <summary>
    /// The next key, or null when input ended, the client went away or the idle timeout expired. Output written so far
    /// is flushed before waiting (but not while typed-ahead keys are still queued, so a pasted script is not slowed).
    /// </summary>
    /// <remarks>One async method, not a wrapper around another: each level of awaiting costs an idle session its state machine.</remarks>
    public async ValueTask<Key?> ReadKeyAsync(CancellationToken cancellationToken)
    {
        if (_keys.HasBufferedKeys)
        {
            return Touched(await _keys.ReadAsync(cancellationToken));
        }

        if (!await Writer.FlushAsync(cancellationToken))
        {
            return null;
        }

        _recording?.Waiting();

        if (IdleTimeout is not { } idle || idle <= TimeSpan.Zero)
        {
            Key? key;
            do
            {
                // A wake-up from an idle timer armed before the timeout was switched off is not an end of input.
                key = await _keys.ReadAsync(cancellationToken);
            }
            while (key is null && _keys.LastReadInterrupted);

            return Touched(key);
        }

        // One timer per session, re-armed for each wait, wakes the read by CancelPendingRead: a timed token source
        // linked to the session's token for every wait cost an idle shell about half a kilobyte.
        _idleTimer ??= time.CreateTimer(static state => ((TerminalIo)state!).OnIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _keys.InterruptibleByCancel = true;
        Volatile.Write(ref _idleExpired, false);
        _idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                var key = await _keys.ReadAsync(cancellationToken);
                if (key is not null || !_keys.LastReadInterrupted)
                {
                    return Touched(key);
                }

                if (Volatile.Read(ref _idleExpired))
                {
                    // idle-timeout: the device drops the user without a word.
                    TimedOut = true;
                    return null;
                }

                // A wake-up left over from a timer that fired just as a key arrived: keep waiting.
            }
        }
        finally
        {
            _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A key resets the line's idle time shown by <c>display users</c>.</summary>
    private Key? Touched(Key? key)
    {
        if (key is not null)
        {
            login?.Touch();
        }

        return key;
    }

    private void OnIdle()
    {
        Volatile.Write(ref _idleExpired, true);
        terminal.Input.CancelPendingRead();
    }

    /// <summary>
    /// One answer line of a dialog (file name, password, Y/N). Echoed unless <paramref name="echo"/> is false;
    /// Ctrl+C or the end of input answers null.
    /// </summary>
    public async ValueTask<string?> ReadAnswerAsync(bool echo, int maxLength, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        while (true)
        {
            // What is typed at a prompt that does not echo stays out of transcripts.
            _hiddenInput = !echo;
            Key? key;
            try
            {
                key = await ReadKeyAsync(cancellationToken);
            }
            finally
            {
                _hiddenInput = false;
            }

            switch (key)
            {
                case null:
                    return null;
                case { Kind: KeyKind.Enter }:
                    Writer.Line();
                    return answer.ToString();
                case { Kind: KeyKind.Printable } k when answer.Length < maxLength:
                    answer.Append(k.Character);
                    if (echo)
                    {
                        Writer.Raw(k.Character.ToString());
                    }

                    break;
                case { Kind: KeyKind.Backspace } when answer.Length > 0:
                    answer.Length--;
                    if (echo)
                    {
                        Writer.Raw("\b \b");
                    }

                    break;
                case { } k when k.IsCtrl('C'):
                    Writer.Line();
                    return null;
            }
        }
    }
}
