using System.Net;
using Emulator.Bench.Client;

namespace Emulator.Bench.Suite;

/// <summary>
/// Runs every section against the emulator and, where the issue asks for a reference, against OpenSSH's sshd in
/// the same invocation, then writes bench/results/&lt;date&gt;-&lt;host&gt;.md. A section that fails is reported as
/// such; the others still run.
/// </summary>
public sealed partial class SuiteRunner
{
    private const string DisplayVersionFallback = "H3C Comware Software, Version 7.1.064, Release 9323P1801\n";

    private readonly SuiteOptions _options;
    private readonly TextWriter _log;
    private readonly MarkdownReport _report = new();
    private OpenSshServer? _sshd;
    private SshOnlyServer? _sshOnly;
    private EmulatorHost? _host;
    private string? _hostDll;
    private string? _hostProblem;
    private string? _displayVersion;

    public SuiteRunner(SuiteOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Collect();
        await _log.WriteLineAsync($"machine: {machine.Cores} cores, {machine.CpuModel}, {machine.Memory}, {machine.DotnetVersion}, {machine.OpenSshVersion}");
        _hostDll = _options.HostDll ?? EmulatorHost.FindBuiltHost(_options.RepositoryRoot);
        try
        {
            // Fresh hosts of their own, before anything else loads the machine's caches with the emulator.
            await SectionAsync("cold", "Cold start: the first connections after process start", ColdSectionAsync, cancellationToken);
            await StartServersAsync(cancellationToken);
            await SectionAsync("handshake", "Connect + key exchange + password + exec + close", HandshakeSectionAsync, cancellationToken);
            await SectionAsync("throughput", "Channel throughput", ThroughputSectionAsync, cancellationToken);
            await SectionAsync("latency", "Command latency", LatencySectionAsync, cancellationToken);
        }
        finally
        {
            _sshd?.Dispose();
            _sshOnly?.Dispose();
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }

        // The fleet runs alone: it is the heaviest part and needs the machine to itself.
        await SectionAsync("fleet", "Fleet scale", FleetSectionAsync, cancellationToken);
        if (_options.Runs("micro"))
        {
            MicroSection();
        }

        string title = $"Benchmarks {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(_options.Quick ? " (quick mode)" : "")}";
        string text = _report.Render(title, machine);
        Directory.CreateDirectory(_options.OutputDirectory);
        string path = Path.Combine(_options.OutputDirectory, $"{DateTime.UtcNow:yyyy-MM-dd}-{machine.HostName}{(_options.Quick ? "-quick" : "")}.md");
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return path;
    }

    private async Task StartServersAsync(CancellationToken cancellationToken)
    {
        string? why = OpenSshServer.WhyUnavailable();
        if (why is null)
        {
            _sshd = await OpenSshServer.StartAsync(cancellationToken);
            await _log.WriteLineAsync($"sshd listening on 127.0.0.1:{_sshd.Port} (pid {_sshd.Pid}, config in {_sshd.Directory})");
        }
        else
        {
            await _log.WriteLineAsync($"sshd not measured: {why}");
        }

        string? sshOnlyDll = SshOnlyServer.FindBuilt(_options.RepositoryRoot);
        if (sshOnlyDll is not null && (_options.Runs("handshake") || _options.Runs("throughput")))
        {
            try
            {
                _sshOnly = await SshOnlyServer.StartAsync(sshOnlyDll, cancellationToken);
                await _log.WriteLineAsync($"emulator SSH layer alone listening on 127.0.0.1:{_sshOnly.Port} (pid {_sshOnly.Pid})");
            }
            catch (InvalidOperationException ex)
            {
                await _log.WriteLineAsync($"emulator SSH layer alone not measured: {ex.Message}");
            }
        }

        if (_hostDll is null)
        {
            await _log.WriteLineAsync("emulator not measured: no built host (dotnet build -c Release src/Emulator.Host)");
            return;
        }

        if (_options.Runs("handshake") || _options.Runs("throughput") || _options.Runs("latency"))
        {
            try
            {
                _host = await EmulatorHost.StartAsync(_hostDll, 1, _options.Model, withControl: false, TimeSpan.FromSeconds(60), cancellationToken);
                await _log.WriteLineAsync($"emulator listening on 127.0.0.1:{_host.FirstPort} (pid {_host.Pid})");
                // One login first: a host that listens but refuses SSH is reported once, not as a failure of every section.
                await using var probe = await SshClientConnection.ConnectAsync(_host.DeviceEndPoints[0],
                    new SshClientOptions { UserName = _options.UserName, Password = _options.Password }, cancellationToken);
                _displayVersion = (await probe.ExecAsync("display version", keepOutput: true, cancellationToken)).Output;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or SshClientException or IOException)
            {
                _hostProblem = ex.Message + (_host is null ? "" : $" (host log: {_host.RecentLog.Trim().Split('\n')[^1].Trim()})");
                await _log.WriteLineAsync($"emulator not measured: {_hostProblem}");
                if (_host is not null)
                {
                    await _host.DisposeAsync();
                    _host = null;
                }
            }
        }
    }

    private async Task SectionAsync(string key, string title, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        if (!_options.Runs(key))
        {
            return;
        }

        await _log.WriteLineAsync($"== {title}");
        _report.Section(title);
        try
        {
            await body(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await _log.WriteLineAsync($"  section failed: {ex}");
            _report.Paragraph($"**This section failed:** {ex.GetType().Name}: {ex.Message}");
        }
    }

    private ServerUnderTest? Sshd(string command) => _sshd is null ? null : new ServerUnderTest(
        "OpenSSH sshd",
        [new IPEndPoint(IPAddress.Loopback, _sshd.Port)],
        new SshClientOptions { UserName = OpenSshServer.UserName, Password = OpenSshServer.Password },
        command,
        _sshd.SampleAfterChildrenExitAsync);

    private ServerUnderTest? SshLayer(string command) => _sshOnly is null ? null : new ServerUnderTest(
        "emulator SSH layer alone",
        [new IPEndPoint(IPAddress.Loopback, _sshOnly.Port)],
        new SshClientOptions(),
        command,
        _sshOnly.SampleAsync);

    private ServerUnderTest? Emulator(string command) => _host is null ? null : new ServerUnderTest(
        "emulator",
        _host.DeviceEndPoints,
        new SshClientOptions { UserName = _options.UserName, Password = _options.Password },
        command,
        _host.SampleAsync);

    /// <summary>Why the emulator host is not in this run, for the report.</summary>
    private string HostMissing => _hostDll is null
        ? "no built host (dotnet build -c Release src/Emulator.Host)"
        : $"the host did not start: {_hostProblem?.Split('\n')[0]}";

    private void MicroSection()
    {
        _report.Section("Micro-benchmarks (BenchmarkDotNet)");
        string? dir = _options.MicroResultsDirectory;
        var files = dir is not null && Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*-report-github.md", SearchOption.AllDirectories).Order().ToArray()
            : [];
        if (files.Length == 0)
        {
            _report.Paragraph("Not run in this invocation (`bench/run.sh` runs them unless `--no-micro`).");
            return;
        }

        foreach (string file in files)
        {
            string name = Path.GetFileName(file).Replace("-report-github.md", "", StringComparison.Ordinal);
            _report.Paragraph($"### {name.Split('.').Last()}");
            // BenchmarkDotNet's GitHub report starts with an environment block, then the table.
            _report.Paragraph(File.ReadAllText(file));
        }
    }
}
