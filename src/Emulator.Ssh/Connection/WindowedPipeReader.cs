using System.Buffers;
using System.IO.Pipelines;

namespace Emulator.Ssh.Connection;

/// <summary>
/// The application's view of channel input. It counts what the application consumes and, once half the window is
/// used up, grows the peer's send window again before the next read, so the window tracks real consumption
/// and a slow reader holds the peer back instead of growing a buffer.
/// </summary>
internal sealed class WindowedPipeReader : PipeReader
{
    private readonly PipeReader _inner;
    private readonly Func<uint, CancellationToken, ValueTask> _adjustWindow;
    private readonly long _threshold;
    private ReadOnlySequence<byte> _lastBuffer;
    private long _consumedSinceAdjust;

    public WindowedPipeReader(PipeReader inner, uint window, Func<uint, CancellationToken, ValueTask> adjustWindow)
    {
        _inner = inner;
        _adjustWindow = adjustWindow;
        _threshold = Math.Max(1, window / 2);
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_consumedSinceAdjust >= _threshold)
        {
            var bytes = (uint)_consumedSinceAdjust;
            _consumedSinceAdjust = 0;
            await _adjustWindow(bytes, cancellationToken);
        }

        var result = await _inner.ReadAsync(cancellationToken);
        _lastBuffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_inner.TryRead(out result))
        {
            _lastBuffer = result.Buffer;
            return true;
        }

        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumedSinceAdjust += _lastBuffer.Slice(_lastBuffer.Start, consumed).Length;
        _lastBuffer = default;
        _inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);
}
