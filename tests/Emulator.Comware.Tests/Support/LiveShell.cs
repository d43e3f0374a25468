using System.IO.Pipelines;
using System.Text;

namespace Emulator.Comware.Tests.Support;

/// <summary>
/// An interactive shell a test types into and reads from step by step, like a user at a terminal: the session runs
/// in the background; <see cref="ReadUntilAsync"/> waits for a marker in the output. With <c>outputLimit</c> set the
/// output pipe stops the session once that many bytes wait unread (a client that stopped reading).
/// </summary>
public sealed class LiveShell : IAsyncDisposable
{
    private readonly Pipe _input = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly Pipe _output;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly StringBuilder _seen = new();
    private int _disposed;

    private LiveShell(CliSession session, int outputLimit)
    {
        Session = session;
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: outputLimit, resumeWriterThreshold: outputLimit / 2, useSynchronizationContext: false));
        var terminal = new CliTerminal(_input.Reader, _output.Writer);
        terminal.Resize(80, 24);
        Completion = Task.Run(async () =>
        {
            try
            {
                await session.RunShellAsync(terminal, _stop.Token);
            }
            finally
            {
                await _output.Writer.CompleteAsync();
            }
        });
    }

    public CliSession Session { get; }

    /// <summary>Ends when the shell ends (quit, idle timeout, closed input).</summary>
    public Task Completion { get; }

    /// <summary>Everything read so far.</summary>
    public string Seen => _seen.ToString();

    public static LiveShell Start(CliSession session, int outputLimit = 0) => new(session, outputLimit);

    public async Task TypeAsync(string keys) =>
        await _input.Writer.WriteAsync(Encoding.UTF8.GetBytes(keys), _stop.Token);

    /// <summary>Reads output until <paramref name="marker"/> appears after what was already consumed; returns that stretch.</summary>
    public async Task<string> ReadUntilAsync(string marker, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        var from = _seen.Length;
        while (true)
        {
            var text = _seen.ToString(from, _seen.Length - from);
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }

            ReadResult read;
            try
            {
                read = await _output.Reader.ReadAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{marker}' did not appear; output so far: {Escape(text)}");
            }

            foreach (var segment in read.Buffer)
            {
                _seen.Append(Encoding.UTF8.GetString(segment.Span));
            }

            _output.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted && !_seen.ToString(from, _seen.Length - from).Contains(marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the shell ended before '{marker}'; output: {Escape(_seen.ToString(from, _seen.Length - from))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _input.Writer.CompleteAsync();
        await _stop.CancelAsync();
        await Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _output.Reader.Complete();
        _stop.Dispose();
        Session.Dispose();
    }

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
}
