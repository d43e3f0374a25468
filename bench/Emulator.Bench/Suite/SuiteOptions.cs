namespace Emulator.Bench.Suite;

/// <summary>What one suite run measures and how much. Quick mode bounds everything to about a minute.</summary>
public sealed record SuiteOptions
{
    public bool Quick { get; init; }

    public string RepositoryRoot { get; init; } = ".";

    /// <summary>emulator.dll; null to look for a built host under the repository.</summary>
    public string? HostDll { get; init; }

    /// <summary>A native (Native AOT) build of the host to measure beside the JIT one; null to look for docker/publish.sh's output.</summary>
    public string? NativeHost { get; init; }

    public string OutputDirectory { get; init; } = "bench/results";

    /// <summary>Sections to run: cold, handshake, throughput, latency, fleet, micro.</summary>
    public IReadOnlySet<string> Sections { get; init; } = new HashSet<string>(["cold", "handshake", "throughput", "latency", "fleet", "micro"]);

    public int Concurrency { get; init; } = 4;

    /// <summary>Where BenchmarkDotNet wrote its *-report-github.md files (run.sh runs it before the suite).</summary>
    public string? MicroResultsDirectory { get; init; }

    public string Model { get; init; } = "F1000-E";

    public string UserName { get; init; } = "admin";

    public string Password { get; init; } = "admin";

    public int SshdConnections => Quick ? 100 : 400;

    public int EmulatorConnections => Quick ? 1000 : 5000;

    /// <summary>Connections measured from process start (the cold figure issue 15 sets a target for).</summary>
    public int ColdConnections => Quick ? 200 : 500;

    public TimeSpan MaxRunTime => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(30);

    public long ThroughputBytes => Quick ? 16L << 20 : 64L << 20;

    public int FleetDevices => Quick ? 100 : 1000;

    public int IdleSessions => Quick ? 500 : 10_000;

    /// <summary>Devices of the address-stepped fleet (one shared port, issue 15).</summary>
    public int ScaleDevices => Quick ? 10_000 : 100_000;

    public int LatencyIterations => Quick ? 50 : 300;

    public bool Runs(string section) => Sections.Contains(section);
}
