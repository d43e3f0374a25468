using static Emulator.Bench.Suite.MarkdownReport;

namespace Emulator.Bench.Suite;

/// <summary>
/// What a fresh host costs before it is warm: time from process start to "All 1 devices listening", resident memory
/// of one idle device, and server CPU per connection over the first connections after start (no warm-up, so a JIT
/// host pays its compilation here). The JIT host and, when built, the native (AOT) host, each started fresh.
/// </summary>
public sealed partial class SuiteRunner
{
    private async Task ColdSectionAsync(CancellationToken cancellationToken)
    {
        var hosts = new List<(string Name, string Path)>();
        if (_hostDll is not null)
        {
            hosts.Add(("JIT host (dotnet emulator.dll)", _hostDll));
        }

        if ((_options.NativeHost ?? FindNativeHost(_options.RepositoryRoot)) is { } native)
        {
            hosts.Add(("native host (AOT)", native));
        }
        else
        {
            _report.Paragraph("No native host measured: build one with `docker/publish.sh` or pass `--native PATH`.");
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, path) in hosts)
        {
            await using var host = await EmulatorHost.StartAsync(path, 1, _options.Model, withControl: false, TimeSpan.FromSeconds(60), cancellationToken);
            var idle = ProcStat.Read(host.Pid);
            var server = new ServerUnderTest(name, host.DeviceEndPoints,
                new Client.SshClientOptions { UserName = _options.UserName, Password = _options.Password }, "display version", host.SampleAsync);
            var cold = await HandshakeBench.RunAsync(server, _options.Concurrency, 0, _options.ColdConnections, _options.MaxRunTime * 4, _log, cancellationToken);
            rows.Add([name, F(host.TimeToAllListening.TotalMilliseconds, "0"), F(idle.RssBytes / 1048576.0, "0.0"),
                cold.Load.Completed.ToString(System.Globalization.CultureInfo.InvariantCulture), F(cold.ServerCpuMsPerConnection, "0.000"),
                cold.Load.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await _log.WriteLineAsync($"  {name}: listening after {host.TimeToAllListening.TotalMilliseconds:0} ms, RSS {idle.RssBytes / 1048576.0:0.0} MB");
            if (name.StartsWith("native", StringComparison.Ordinal))
            {
                _report.Verdict("native host: process start -> all devices listening <= 50 ms", $"{F(host.TimeToAllListening.TotalMilliseconds, "0")} ms", host.TimeToAllListening.TotalMilliseconds <= 50);
                _report.Verdict("native host: 1-device RSS <= 25 MB", $"{F(idle.RssBytes / 1048576.0, "0.0")} MB", idle.RssBytes <= 25L << 20);
                // What the image's app layer copies: the executable, libsodium and the profiles (decimal MB, the stricter reading).
                long layer = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                _report.Verdict("native host: image app layer (its published folder) <= 30 MB", $"{F(layer / 1e6, "0.0")} MB", layer <= 30_000_000);
                var withApi = await NativeRssWithControlApiAsync(path, cancellationToken);
                _report.Verdict("native host with the control API on (the image's default): 1-device RSS <= 25 MB", $"{F(withApi / 1048576.0, "0.0")} MB", withApi <= 25L << 20);
            }

            _report.Verdict($"{name}: cold handshake <= 1.0 ms server CPU (first {_options.ColdConnections} connections)",
                $"{F(cold.ServerCpuMsPerConnection, "0.000")} ms", cold.ServerCpuMsPerConnection <= 1.0 && cold.Load.Errors == 0);
        }

        _report.Paragraph($"Each host started fresh with one device ({_options.Model}) and `--control none`; RSS read once it listens, before any " +
            $"connection; then {_options.ColdConnections} connections (as in the handshake section, {_options.Concurrency} in flight) " +
            "with no warm-up: the server CPU column includes whatever the runtime compiles meanwhile.");
        _report.Table(["host", "start -> listening ms", "idle RSS MB", "connections", "server CPU ms/conn", "errors"], rows);
    }

    /// <summary>
    /// The image starts the host with its control API (GET /healthz is its health check): RSS of one idle device once
    /// /healthz has answered, in a host of its own.
    /// </summary>
    private async Task<long> NativeRssWithControlApiAsync(string path, CancellationToken cancellationToken)
    {
        await using var host = await EmulatorHost.StartAsync(path, 1, _options.Model, withControl: true, TimeSpan.FromSeconds(60), cancellationToken);
        var rss = ProcStat.Read(host.Pid).RssBytes;
        await _log.WriteLineAsync($"  native host with the control API: RSS {rss / 1048576.0:0.0} MB");
        return rss;
    }

    /// <summary>docker/publish.sh's output when it was built on this machine as a native executable (no emulator.dll beside it).</summary>
    private static string? FindNativeHost(string repositoryRoot)
    {
        string path = Path.Combine(repositoryRoot, "docker", "out", "emulator");
        return File.Exists(path) && !File.Exists(path + ".dll") ? Path.GetFullPath(path) : null;
    }
}
