using System.Diagnostics;

namespace Emulator.Host.Tests;

public sealed class ShutdownTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    [Fact]
    public async Task Sigterm_stops_the_process_with_exit_code_0_within_2_seconds()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGTERM is a Unix signal");
        }

        var info = HostLauncher.StartInfo(["--ssh-port", "0", "--control", "none", "--state-dir", _dir]);
        using var process = Process.Start(info)!;
        var ready = new TaskCompletionSource();
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("All 1 devices listening", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            var clock = Stopwatch.StartNew();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            clock.Stop();
            Assert.Equal(0, process.ExitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds} ms");
            lock (output)
            {
                Assert.Contains("stopping: no new connections", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
