using Emulator.Bench.Client;
using static Emulator.Bench.Suite.MarkdownReport;

namespace Emulator.Bench.Suite;

public sealed partial class SuiteRunner
{
    // Issue 15's steady-state target for a warm host (issue 12 had asked for 1 ms).
    private const double SteadyTargetMs = 0.6;
    private const string SteadyTarget = "server CPU per connect+auth+exec, warm host, <= 0.6 ms";

    private async Task HandshakeSectionAsync(CancellationToken cancellationToken)
    {
        var rows = new List<HandshakeMeasurement>();
        var failures = new List<string>();
        // sshd gets the emulator's own `display version` text to print, so both send the same bytes.
        string versionText = _displayVersion ?? DisplayVersionFallback;
        var emulator = Emulator("display version");
        // .NET compiles hot methods again, optimised, after they have run a while: measure the steady state the
        // emulator reaches after a few seconds of connections, not the JIT (sshd pays its start-up on every connection).
        // On this 2-core VM the JIT host recompiles about 2,700 methods at tier 1 between its 500th and 5,000th
        // connection (DOTNET_JitStdOutFile with JitDisasmSummary); after 3,000 a measured run still paid for part of it.
        int warmup = _options.Quick ? 1000 : 8000;

        async Task Measure(ServerUnderTest? server, int warm, int count)
        {
            if (server is null)
            {
                return;
            }

            try
            {
                rows.Add(await HandshakeBench.RunAsync(server, _options.Concurrency, warm, count, _options.MaxRunTime, _log, cancellationToken));
            }
            catch (Exception ex) when (ex is InvalidOperationException or SshClientException or IOException)
            {
                failures.Add($"{server.Name}: {ex.Message}");
                await _log.WriteLineAsync($"  {server.Name} failed: {ex.Message}");
            }
        }

        await Measure(SshLayer("display version"), warmup, _options.EmulatorConnections);
        await Measure(emulator, warmup, _options.EmulatorConnections);
        if ((_options.NativeHost ?? FindNativeHost(_options.RepositoryRoot)) is { } native)
        {
            // The image, compose and Testcontainers run this one.
            await using var nativeHost = await EmulatorHost.StartAsync(native, 1, _options.Model, withControl: false, TimeSpan.FromSeconds(60), cancellationToken);
            await Measure(new ServerUnderTest(NativeRow, nativeHost.DeviceEndPoints,
                new Client.SshClientOptions { UserName = _options.UserName, Password = _options.Password }, "display version", nativeHost.SampleAsync),
                warmup, _options.EmulatorConnections);
        }

        // sshd last: by then the client's code is fully JIT-compiled, so its client CPU column is comparable.
        await Measure(_sshd is null ? null : Sshd($"cat {_sshd.WriteFile("display-version.txt", versionText)}"), 20, _options.SshdConnections);
        foreach (string failure in failures)
        {
            _report.Paragraph($"**Failed:** {failure}");
        }

        if (emulator is null)
        {
            _report.Paragraph($"Emulator host not measured: {HostMissing}.");
        }

        _report.Paragraph(
            $"Each connection: TCP connect, curve25519-sha256 key exchange with an ssh-ed25519 host key, aes128-gcm@openssh.com, " +
            $"password authentication, one session channel with exec, read until the channel closes, disconnect. {_options.Concurrency} " +
            $"connections in flight, after {warmup} warm-up connections (the emulator's first connections also pay for JIT " +
            $"compilation). The emulator runs `display version`; sshd runs `cat` of a file holding the emulator's " +
            $"`display version` output ({versionText.Length} bytes) through the user's /bin/sh. Server CPU is utime+stime of the " +
            $"server process over the measured run from /proc/PID/stat; for sshd that includes cutime+cstime: sshd runs as PID 1 of its own " +
            $"PID namespace (`unshare --pid --fork`), so every per-connection process, orphaned or not, is reaped by it and counted; " +
            $"read after they exited. sshd runs with `UsePAM no` and an MD5-crypt password hash.");
        _report.Table(
            ["server", "connections", "conns/s", "p50 ms", "p90 ms", "p99 ms", "errors", "server CPU ms/conn", "client CPU ms/conn"],
            rows.Select(r => (IReadOnlyList<string>)[
                r.Server, r.Load.Completed.ToString(System.Globalization.CultureInfo.InvariantCulture), F(r.Load.ConnectionsPerSecond, "0.0"),
                F(r.Load.LatencyMs.P50), F(r.Load.LatencyMs.P90), F(r.Load.LatencyMs.P99), r.Load.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                F(r.ServerCpuMsPerConnection, "0.000"), F(r.Load.ClientCpuMsPerConnection, "0.000")]));
        foreach (var r in rows.Where(r => r.Load.ErrorSamples.Count > 0))
        {
            _report.Paragraph($"Errors against {r.Server}:");
            _report.Code(string.Join('\n', r.Load.ErrorSamples));
        }

        var reference = rows.FirstOrDefault(r => r.Server == "OpenSSH sshd");
        var layer = rows.FirstOrDefault(r => r.Server == "emulator SSH layer alone");
        if (layer is not null && reference is not null && layer.ServerCpuMsPerConnection > 0)
        {
            _report.Paragraph($"The SSH layer alone (bench/Emulator.SshOnly: src/Emulator.Ssh with a trivial session handler, no device) " +
                $"uses {F(reference.ServerCpuMsPerConnection / layer.ServerCpuMsPerConnection, "0.0")}x less CPU per connection than sshd.");
        }

        SteadyVerdicts("JIT host", rows.FirstOrDefault(r => r.Server == "emulator"), reference);
        if (rows.FirstOrDefault(r => r.Server == NativeRow) is { } nativeRow)
        {
            SteadyVerdicts("native host", nativeRow, reference);
        }
    }

    private const string NativeRow = "emulator, native host";

    private void SteadyVerdicts(string host, HandshakeMeasurement? emu, HandshakeMeasurement? reference)
    {
        string steady = $"{host}: {SteadyTarget}";
        string ratio = $"{host}: >= 25x less CPU per connection than sshd (same run)";
        if (emu is not null && reference is not null && emu.ServerCpuMsPerConnection > 0)
        {
            double cpuRatio = reference.ServerCpuMsPerConnection / emu.ServerCpuMsPerConnection;
            double rateRatio = emu.Load.ConnectionsPerSecond / Math.Max(reference.Load.ConnectionsPerSecond, 1e-9);
            _report.Paragraph($"Ratios, {host}: the emulator uses **{F(cpuRatio, "0.0")}x** less server CPU per connection than sshd and " +
                $"completes **{F(rateRatio, "0.0")}x** the connections per second.");
            _report.Verdict(steady, $"{F(emu.ServerCpuMsPerConnection, "0.000")} ms", emu.ServerCpuMsPerConnection <= SteadyTargetMs && emu.Load.Errors == 0);
            _report.Verdict(ratio, $"{F(cpuRatio, "0.0")}x", cpuRatio >= 25);
        }
        else
        {
            _report.Verdict(steady,
                emu is null ? "emulator not measured" : $"{F(emu.ServerCpuMsPerConnection, "0.000")} ms", emu is null ? null : emu.ServerCpuMsPerConnection <= SteadyTargetMs);
            _report.Verdict(ratio, "needs both servers", null);
        }
    }
}
