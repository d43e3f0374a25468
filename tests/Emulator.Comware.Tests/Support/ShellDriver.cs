using System.IO.Pipelines;
using System.Text;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Tests.Support;

/// <summary>
/// Runs a <see cref="CliSession"/> over in-memory pipes. Input is delivered in the given chunks, each one fully
/// consumed by the session before the next is written, so chunk boundaries are really exercised.
/// </summary>
public static class ShellDriver
{
    public static CliUser Admin { get; } = new("admin", 3, ["network-admin"], "192.0.2.10");

    public static Task<string> RunAsync(ComwareDevice device, string input, CliUser? user = null, int rows = 24) =>
        RunChunksAsync(device, [Encoding.UTF8.GetBytes(input)], user, rows);

    public static async Task<string> RunChunksAsync(ComwareDevice device, IReadOnlyList<byte[]> chunks, CliUser? user = null, int rows = 24)
    {
        var input = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var terminal = new CliTerminal(input.Reader, output.Writer);
        terminal.Resize(80, rows);
        var session = new CliSession(device, user ?? Admin);
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var shell = Task.Run(async () =>
        {
            try
            {
                await session.RunShellAsync(terminal, timeout.Token);
            }
            finally
            {
                await output.Writer.CompleteAsync();
                await input.Reader.CompleteAsync();
            }
        });
        var collected = CollectAsync(output.Reader);
        foreach (var chunk in chunks)
        {
            var flushed = await input.Writer.WriteAsync(chunk, timeout.Token);
            if (flushed.IsCompleted)
            {
                break;
            }
        }

        await input.Writer.CompleteAsync();
        await shell;
        return await collected;
    }

    /// <summary>Runs an already opened session (e.g. from <see cref="CliSession.OpenAsync"/>) with this input; the whole output.</summary>
    public static async Task<string> RunWithAsync(CliSession session, string input)
    {
        var keys = new Pipe();
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await keys.Writer.WriteAsync(Encoding.UTF8.GetBytes(input));
        await keys.Writer.CompleteAsync();
        await session.RunShellAsync(new CliTerminal(keys.Reader, output.Writer), CancellationToken.None);
        await output.Writer.CompleteAsync();
        return await CollectAsync(output.Reader);
    }

    public static async Task<(int Status, string Output)> ExecAsync(ComwareDevice device, string commandLine, CliUser? user = null)
    {
        var input = new Pipe();
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await input.Writer.CompleteAsync();
        var session = new CliSession(device, user ?? Admin);
        var status = await session.ExecAsync(commandLine, new CliTerminal(input.Reader, output.Writer) { IsInteractive = false }, CancellationToken.None);
        await output.Writer.CompleteAsync();
        return (status, await CollectAsync(output.Reader));
    }

    private static async Task<string> CollectAsync(PipeReader reader)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                bytes.AddRange(segment.ToArray());
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await reader.CompleteAsync();
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
