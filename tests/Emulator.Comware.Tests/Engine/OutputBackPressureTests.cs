using System.IO.Pipelines;
using System.Text;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

/// <summary>
/// A client that types many commands ahead and reads nothing must not make the session buffer all their output:
/// each command's output is flushed into the channel, whose window (here the pipe's pause threshold) stops the session.
/// </summary>
public class OutputBackPressureTests
{
    [Fact]
    public async Task Typed_ahead_commands_wait_for_the_reader_instead_of_piling_output_up()
    {
        using var device = TestDevices.Create(ComwareDialect.V5, commands: TestModule.Build(new TestModule()));
        var input = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048, useSynchronizationContext: false));
        var terminal = new CliTerminal(input.Reader, output.Writer);
        terminal.Resize(80, 24);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var session = new CliSession(device, ShellDriver.Admin) { ScreenLength = null };
        var shell = Task.Run(async () =>
        {
            try
            {
                await session.RunShellAsync(terminal, timeout.Token);
            }
            finally
            {
                await output.Writer.CompleteAsync();
            }
        }, timeout.Token);

        // 200 lines of 1,000 numbered lines each: about 1.3 MB of output, typed ahead in one write.
        var typed = string.Concat(Enumerable.Repeat("display lines 1000\r", 200)) + "quit\r";
        await input.Writer.WriteAsync(Encoding.ASCII.GetBytes(typed), timeout.Token);
        await input.Writer.CompleteAsync();

        await Task.Delay(300, timeout.Token);
        Assert.False(shell.IsCompleted, "the session ran every command without anyone reading its output");
        var first = await output.Reader.ReadAsync(timeout.Token);
        Assert.InRange(first.Buffer.Length, 1, 64 * 1024);
        output.Reader.AdvanceTo(first.Buffer.End);

        long total = first.Buffer.Length;
        while (true)
        {
            var read = await output.Reader.ReadAsync(timeout.Token);
            total += read.Buffer.Length;
            output.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await shell;
        Assert.True(total > 1_000_000, $"only {total} bytes of output");
    }
}
