using System.IO.Pipelines;

namespace Emulator.Ssh.Connection;

/// <summary>
/// A writer whose pipe (and whatever drains it) is made on the first write. A session's stderr is rarely written
/// (the CLI never does), and an unused pipe with its pump cost every idle shell about 1 KB.
/// Single writer, like any <see cref="PipeWriter"/>.
/// </summary>
internal sealed class LazyPipeWriter(Func<PipeWriter> create) : PipeWriter
{
    private PipeWriter? _inner;
    private bool _completed;

    private PipeWriter Inner
    {
        get
        {
            ObjectDisposedException.ThrowIf(_completed && _inner is null, this);
            return _inner ??= create();
        }
    }

    public override void Advance(int bytes) => Inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => Inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => Inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => _inner?.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        _inner?.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        _completed = true;
        return _inner?.CompleteAsync(exception) ?? ValueTask.CompletedTask;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        _inner?.FlushAsync(cancellationToken) ?? ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: false));
}
