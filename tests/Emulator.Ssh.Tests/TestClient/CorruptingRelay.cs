using System.IO.Pipelines;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>A one-way byte relay that can flip one bit of the traffic on request (to test MAC and framing checks).</summary>
internal sealed class CorruptingRelay
{
    private readonly Pipe _in = new();
    private readonly Pipe _out = new();
    private long _position;
    private long _corruptAt = -1;

    public CorruptingRelay(CancellationToken cancellationToken) => Pump = PumpAsync(cancellationToken);

    public PipeWriter Writer => _in.Writer;

    public PipeReader Reader => _out.Reader;

    public Task Pump { get; }

    /// <summary>Flips the low bit of the byte <paramref name="offset"/> bytes after everything relayed so far.</summary>
    public void CorruptAfter(long offset) => Interlocked.Exchange(ref _corruptAt, Interlocked.Read(ref _position) + offset);

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (true)
        {
            var result = await _in.Reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                var bytes = segment.ToArray();
                var at = Interlocked.Read(ref _corruptAt) - _position;
                if (at >= 0 && at < bytes.Length)
                {
                    bytes[at] ^= 1;
                    Interlocked.Exchange(ref _corruptAt, -1);
                }

                Interlocked.Add(ref _position, bytes.Length);
                await _out.Writer.WriteAsync(bytes, cancellationToken);
            }

            _in.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                await _out.Writer.CompleteAsync();
                return;
            }
        }
    }
}
