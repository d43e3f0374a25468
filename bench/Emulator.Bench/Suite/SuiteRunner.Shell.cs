using Emulator.Bench.Client;
using Emulator.Bench.Load;
using static Emulator.Bench.Suite.MarkdownReport;

namespace Emulator.Bench.Suite;

public sealed partial class SuiteRunner
{
    private int _loopbacksConfigured;

    /// <summary>Types configuration until the device has <paramref name="loopbacks"/> bench loopbacks.</summary>
    private async Task GrowConfigurationAsync(ServerUnderTest emulator, int loopbacks, CancellationToken cancellationToken)
    {
        if (_loopbacksConfigured >= loopbacks)
        {
            return;
        }

        await using var connection = await SshClientConnection.ConnectAsync(emulator.Targets[0], emulator.Client, cancellationToken);
        var shell = await connection.OpenShellAsync(200, 50, cancellationToken);
        await shell.RunAsync("system-view", cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (string command in BenchConfiguration.LoopbackCommands(_loopbacksConfigured + 1, loopbacks - _loopbacksConfigured))
        {
            await shell.RunAsync(command, cancellationToken);
        }

        await shell.RunAsync("return", cancellationToken);
        await _log.WriteLineAsync($"  configured loopbacks {_loopbacksConfigured + 1}..{loopbacks} in {clock.Elapsed.TotalSeconds:0.0} s");
        _loopbacksConfigured = loopbacks;
    }

    private async Task LatencySectionAsync(CancellationToken cancellationToken)
    {
        var emulator = Emulator("display current-configuration");
        if (emulator is null)
        {
            _report.Paragraph($"Emulator host not measured: {HostMissing}.");
            _report.Verdict("p99 of `display current-configuration` (~1,000 lines) < 2 ms", "emulator not measured", null);
            return;
        }

        await GrowConfigurationAsync(emulator, BenchConfiguration.LoopbacksForLines(1000), cancellationToken);
        await using var connection = await SshClientConnection.ConnectAsync(emulator.Targets[0], emulator.Client, cancellationToken);

        var unpaged = await connection.OpenShellAsync(200, 50, cancellationToken);
        await unpaged.RunAsync("screen-length disable", cancellationToken);
        unpaged.KeepTranscript = true;
        var first = await unpaged.RunAsync("display current-configuration", cancellationToken);
        int lines = unpaged.Transcript.Split('\n').Length;
        unpaged.KeepTranscript = false;
        var full = await TimeCommandAsync(unpaged, "display current-configuration", _options.LatencyIterations, cancellationToken);
        var small = await TimeCommandAsync(unpaged, "display version", _options.LatencyIterations, cancellationToken);

        await using var pagedConnection = await SshClientConnection.ConnectAsync(emulator.Targets[0], emulator.Client, cancellationToken);
        var paged = await pagedConnection.OpenShellAsync(80, 24, cancellationToken);
        paged.PageLatenciesMs = [];
        var pagedRuns = await TimeCommandAsync(paged, "display current-configuration", Math.Max(5, _options.LatencyIterations / 10), cancellationToken);
        var pageLatency = Percentiles.Of(paged.PageLatenciesMs);
        var pagedOutcome = await paged.RunAsync("display current-configuration", cancellationToken);

        _report.Paragraph(
            $"Client-side round trip on an open shell (the server has no timing hooks): from sending the command line to " +
            $"seeing the prompt again, including the client's decryption. The configuration has {lines} lines " +
            $"({first.Bytes} bytes as displayed) after typing {_loopbacksConfigured} LoopBack interfaces. Paged: default " +
            $"screen length on an 80x24 terminal, {pagedOutcome.Pages} pages, each answered with a space as soon as " +
            $"`---- More ----` arrives.");
        _report.Table(["command", "runs", "p50 ms", "p90 ms", "p99 ms", "max ms"], [
            Row($"display current-configuration ({lines} lines, screen-length disable)", full),
            Row("display version", small),
            Row($"display current-configuration, paged ({pagedOutcome.Pages} pages, whole command)", pagedRuns),
            Row("one page (space to next `---- More ----`)", pageLatency),
        ]);
        _report.Verdict("p99 of `display current-configuration` (~1,000 lines) < 2 ms", $"{F(full.P99)} ms (client round trip, {lines} lines)", full.P99 < 2.0);
    }

    private static IReadOnlyList<string> Row(string name, Percentiles p) =>
        [name, p.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), F(p.P50, "0.000"), F(p.P90, "0.000"), F(p.P99, "0.000"), F(p.Max, "0.000")];

    private static async Task<Percentiles> TimeCommandAsync(ShellChannel shell, string command, int iterations, CancellationToken cancellationToken)
    {
        var samples = new List<double>(iterations);
        for (int i = 0; i < iterations; i++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            await shell.RunAsync(command, cancellationToken);
            samples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return Percentiles.Of(samples);
    }

    private async Task ThroughputSectionAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ThroughputMeasurement>();
        var emulator = Emulator("display current-configuration");
        long bytes = _options.ThroughputBytes;
        if (emulator is not null)
        {
            try
            {
                await GrowConfigurationAsync(emulator, BenchConfiguration.LoopbacksForLines(1000), cancellationToken);
                ThroughputMeasurement? best = null;
                for (int run = 0; run < 3; run++)
                {
                    var m = await TypedAheadThroughputAsync(emulator, bytes, cancellationToken);
                    best = best is null || m.MegabytesPerSecond > best.MegabytesPerSecond ? m : best;
                }

                bytes = best!.Bytes;
                rows.Add(best);
            }
            catch (Exception ex) when (ex is SshClientException or IOException)
            {
                _report.Paragraph($"**Failed:** emulator: {ex.Message}");
                await _log.WriteLineAsync($"  emulator failed: {ex.Message}");
            }
        }

        if (SshLayer("stream") is { } layer)
        {
            rows.Add(await ThroughputBench.RunAsync(layer, $"stream {bytes}", bytes, 3, cancellationToken));
        }

        if (_sshd is not null)
        {
            var content = new byte[bytes];
            for (int i = 0; i < content.Length; i++)
            {
                // Printable text like configuration output; the bytes themselves do not change the cost.
                content[i] = (byte)(i % 64 == 63 ? '\n' : 'a' + (i * 7 % 26));
            }

            string file = _sshd.WriteFile("throughput.txt", content);
            rows.Add(await ThroughputBench.RunAsync(Sshd($"cat {file}")!, $"cat {file}", bytes, 3, cancellationToken));
        }

        if (emulator is null)
        {
            _report.Paragraph($"Emulator host not measured: {HostMissing}.");
        }

        _report.Paragraph("Emulator: one shell with `screen-length disable`, `display current-configuration` (the ~1,000-line " +
            "configuration) typed ahead enough times to send the target volume back to back; timed from the first " +
            "keystroke to the last prompt, best of 3, so it includes rendering the configuration each time. sshd: one exec " +
            "of `cat` of a file of the same size, timed from the request to the channel close, best of 3. The SSH layer alone " +
            "(bench/Emulator.SshOnly) answers exec `stream N` with N bytes written in 32 KiB chunks. Client window " +
            "2 MiB, aes128-gcm@openssh.com both ways. Server CPU covers the whole connection.");
        _report.Table(["server", "command", "bytes", "MB/s", "server CPU ms"], rows.Select(r => (IReadOnlyList<string>)[
            r.Server, r.Command.StartsWith("cat", StringComparison.Ordinal) ? "cat FILE" : r.Command,
            r.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), F(r.MegabytesPerSecond, "0.0"), F(r.ServerCpu.TotalMilliseconds, "0")]));
        var emu = rows.FirstOrDefault(r => r.Server == "emulator");
        var reference = rows.FirstOrDefault(r => r.Server == "OpenSSH sshd");
        _report.Verdict("channel throughput >= OpenSSH's", emu is null || reference is null ? "needs both servers"
            : $"{F(emu.MegabytesPerSecond, "0.0")} vs {F(reference.MegabytesPerSecond, "0.0")} MB/s",
            emu is null || reference is null ? null : emu.MegabytesPerSecond >= reference.MegabytesPerSecond);
    }

    private static async Task<ThroughputMeasurement> TypedAheadThroughputAsync(ServerUnderTest emulator, long targetBytes, CancellationToken cancellationToken)
    {
        var before = await emulator.SampleAsync(cancellationToken);
        await using var connection = await SshClientConnection.ConnectAsync(emulator.Targets[0], emulator.Client, cancellationToken);
        var shell = await connection.OpenShellAsync(200, 50, cancellationToken);
        await shell.RunAsync("screen-length disable", cancellationToken);
        var once = await shell.RunAsync("display current-configuration", cancellationToken);
        int times = (int)Math.Clamp(targetBytes / Math.Max(once.Bytes, 1), 1, 100_000);
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        long bytes = await shell.RunTypedAheadAsync("display current-configuration", times, cancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(t0);
        await connection.DisposeAsync();
        var after = await emulator.SampleAsync(cancellationToken);
        return new ThroughputMeasurement("emulator", $"display current-configuration x{times} (typed ahead)", bytes, elapsed, after.TotalCpu - before.TotalCpu);
    }
}
