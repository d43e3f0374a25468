using System.Buffers;
using System.IO.Pipelines;

namespace Emulator.Comware.Terminal;

/// <summary>Pulls bytes from the terminal's pipe and hands out decoded keys one at a time.</summary>
internal sealed class KeyReader(PipeReader input)
{
    private readonly KeyDecoder _decoder = new();
    private readonly List<Key> _keys = [];
    private int _next;
    private bool _completed;

    /// <summary>Sees every byte read, before it is decoded (session transcripts).</summary>
    public Action<ReadOnlySpan<byte>>? Observer { get; set; }

    /// <summary>
    /// A read woken by <see cref="PipeReader.CancelPendingRead"/> with no key returns null without ending the input
    /// (<see cref="LastReadInterrupted"/> set); otherwise such a wake-up ends it, as the end of input does.
    /// </summary>
    public bool InterruptibleByCancel { get; set; }

    /// <summary>The last <see cref="ReadAsync"/> returned null because it was interrupted, not because input ended.</summary>
    public bool LastReadInterrupted { get; private set; }

    /// <summary>Keys already received but not yet handled (typed ahead).</summary>
    public bool HasBufferedKeys => _next < _keys.Count;

    /// <summary>The next typed-ahead key without waiting; false when none is queued (then <see cref="ReadAsync"/> reads on).</summary>
    public bool TryReadBuffered(out Key key)
    {
        if (_next < _keys.Count)
        {
            key = _keys[_next++];
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>
    /// Takes typed-ahead keys while <paramref name="take"/> accepts them and <paramref name="into"/> has room, their
    /// characters going there; returns how many. Nothing waits: only keys already received are looked at.
    /// </summary>
    public int ReadBufferedCharacters(Span<char> into, Func<Key, bool> take)
    {
        var count = 0;
        while (count < into.Length && _next < _keys.Count && take(_keys[_next]))
        {
            into[count++] = _keys[_next++].Character;
        }

        return count;
    }

    /// <summary>The next key, or null when the input has ended.</summary>
    public async ValueTask<Key?> ReadAsync(CancellationToken cancellationToken)
    {
        while (_next >= _keys.Count)
        {
            _keys.Clear();
            _next = 0;
            if (_completed)
            {
                return null;
            }

            var result = await input.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                Observer?.Invoke(segment.Span);
                _decoder.Decode(segment.Span, _keys);
            }

            input.AdvanceTo(result.Buffer.End);
            _completed = result.IsCompleted || (result.IsCanceled && !InterruptibleByCancel);
            if (result.IsCanceled && !result.IsCompleted && InterruptibleByCancel && _keys.Count == 0)
            {
                // Woken by CancelPendingRead (the idle timer): no key, but the input goes on.
                LastReadInterrupted = true;
                return null;
            }
        }

        LastReadInterrupted = false;

        return _keys[_next++];
    }
}
