using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>
/// A small "device" for tests. exec commands: <c>echo TEXT</c>, <c>exit N</c>, <c>stderr TEXT</c>, <c>bytes N</c> (N bytes of a
/// known pattern), <c>cat</c> (input to output until EOF), <c>fail</c> (throws), <c>hang</c> (waits for cancellation),
/// <c>env NAME</c>, <c>pty</c>, <c>whoami</c>. A shell echoes each input line as "&gt; line" and ends on "exit".
/// </summary>
internal sealed class TestSessionHandler : ISessionHandler
{
    public ConcurrentQueue<SshSession> Sessions { get; } = new();

    public ConcurrentQueue<SessionEvent> Events { get; } = new();

    public ValueTask<bool> SupportsSubsystemAsync(SubsystemRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Name == "echo");

    public async Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        Sessions.Enqueue(session);
        // Not tied to the session's token: events already queued when the shell ends must still be recorded.
        _ = CollectEventsAsync(session, CancellationToken.None);
        if (session.Kind == SshSessionKind.Shell)
        {
            return await ShellAsync(session, cancellationToken);
        }

        if (session.Kind == SshSessionKind.Subsystem)
        {
            await CopyAsync(session.Input, session.Output, cancellationToken);
            return 0;
        }

        var command = session.Command ?? "";
        var (verb, argument) = command.IndexOf(' ', StringComparison.Ordinal) is var space and > 0
            ? (command[..space], command[(space + 1)..])
            : (command, "");
        switch (verb)
        {
            case "echo":
                await WriteAsync(session.Output, argument + "\n", cancellationToken);
                return 0;
            case "stderr":
                await WriteAsync(session.ErrorOutput, argument + "\n", cancellationToken);
                return 1;
            case "exit":
                return int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture);
            case "whoami":
                await WriteAsync(session.Output, session.UserName + "\n", cancellationToken);
                return 0;
            case "env":
                await WriteAsync(session.Output, session.Environment.GetValueOrDefault(argument, "<unset>") + "\n", cancellationToken);
                return 0;
            case "pty":
                var t = session.Terminal;
                await WriteAsync(session.Output, t is null ? "none\n" : $"{t.TermType} {t.Columns}x{t.Rows}\n", cancellationToken);
                return 0;
            case "bytes":
                await WritePatternAsync(session.Output, long.Parse(argument, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                return 0;
            case "cat":
                await CopyAsync(session.Input, session.Output, cancellationToken);
                return 0;
            case "fail":
                throw new InvalidOperationException("handler failure on purpose");
            case "hang":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            case "exit-when-stopped":
                await WriteAsync(session.Output, "ready\n", cancellationToken);
                return await ExitWhenStoppedAsync(cancellationToken);
            case "say-and-hang":
                await WriteAsync(session.Output, argument + "\n", cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            default:
                await WriteAsync(session.ErrorOutput, $"unknown command: {command}\n", cancellationToken);
                return 127;
        }
    }

    /// <summary>
    /// Ends with a status of its own once stopped, and holds up the stop's caller meanwhile: the channel's answer to
    /// the client's CLOSE then loses the race to the application's own end every time, not once in a CI run.
    /// </summary>
    private static async Task<int> ExitWhenStoppedAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Not disposed: disposing a registration waits for its callback, which is what this one must not be waited on.
        cancellationToken.Register(() =>
        {
            stopped.TrySetResult();
            Thread.Sleep(100);
        });
        await stopped.Task;
        return 3;
    }

    /// <summary>The byte at <paramref name="index"/> of the "bytes N" output.</summary>
    public static byte PatternByte(long index) => (byte)('a' + (index % 26));

    private async Task CollectEventsAsync(SshSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in session.Events.WithCancellation(cancellationToken))
            {
                Events.Enqueue(e);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<int?> ShellAsync(SshSession session, CancellationToken cancellationToken)
    {
        await WriteAsync(session.Output, "welcome\r\n$ ", cancellationToken);
        var line = new StringBuilder();
        while (true)
        {
            var result = await session.Input.ReadAsync(cancellationToken);
            var lines = SplitLines(result.Buffer, line);
            session.Input.AdvanceTo(result.Buffer.End);
            foreach (var text in lines)
            {
                if (text == "exit")
                {
                    await WriteAsync(session.Output, "bye\r\n", cancellationToken);
                    return 0;
                }

                await WriteAsync(session.Output, $"> {text}\r\n$ ", cancellationToken);
            }

            if (result.IsCompleted)
            {
                return 0;
            }
        }
    }

    private static List<string> SplitLines(ReadOnlySequence<byte> buffer, StringBuilder partial)
    {
        var lines = new List<string>();
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is (byte)'\r' or (byte)'\n')
                {
                    if (partial.Length > 0)
                    {
                        lines.Add(partial.ToString());
                        partial.Clear();
                    }
                }
                else
                {
                    partial.Append((char)b);
                }
            }
        }

        return lines;
    }

    private static async Task CopyAsync(PipeReader input, PipeWriter output, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                output.Write(segment.Span);
            }

            input.AdvanceTo(result.Buffer.End);
            await output.FlushAsync(cancellationToken);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private static async Task WriteAsync(PipeWriter output, string text, CancellationToken cancellationToken)
    {
        output.Write(Encoding.UTF8.GetBytes(text));
        await output.FlushAsync(cancellationToken);
    }

    private static async Task WritePatternAsync(PipeWriter output, long count, CancellationToken cancellationToken)
    {
        long written = 0;
        while (written < count)
        {
            var chunk = (int)Math.Min(8192, count - written);
            var span = output.GetSpan(chunk);
            for (var i = 0; i < chunk; i++)
            {
                span[i] = PatternByte(written + i);
            }

            output.Advance(chunk);
            written += chunk;
            await output.FlushAsync(cancellationToken);
        }
    }
}
