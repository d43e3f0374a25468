using System.Globalization;
using System.Net;
using Emulator.Bench.Client;
using Emulator.Bench.Load;
using Emulator.Bench.Suite;

// emulator-bench: the SSH load generator and the benchmark suite runner (see bench/README.md).
var arguments = new Arguments(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    switch (arguments.Command)
    {
        case "load":
            return await RunLoadAsync(arguments, cancel.Token);
        case "exec":
            return await RunExecAsync(arguments, cancel.Token);
        case "suite":
            return await RunSuiteAsync(arguments, cancel.Token);
        case "hold":
            return await RunHoldAsync(arguments, cancel.Token);
        default:
            Console.Error.WriteLine("""
                usage:
                  emulator-bench load  --target HOST:PORT[,HOST:PORT...] [--user U] [--password P] [--command CMD]
                                       [--concurrency N] [--count N] [--duration SECONDS] [--pipeline] [--no-verify]
                                       [--cipher aes128-gcm@openssh.com|aes256-gcm@openssh.com]
                  emulator-bench exec  --target HOST:PORT [--user U] [--password P] --command CMD
                  emulator-bench hold  --target HOST:PORT[,...] [--sessions N] [--seconds S]   idle shells, for memory profiling
                  emulator-bench suite [--quick] [--host PATH/emulator.dll] [--native PATH/emulator] [--out DIR] [--only a,b]
                                       [--micro-results DIR] [--concurrency N]
                                       sections: cold, handshake, throughput, latency, fleet, micro
                """);
            return 2;
    }
}
catch (Exception ex) when (ex is SshClientException or ArgumentException or FormatException or InvalidOperationException)
{
    Console.Error.WriteLine($"emulator-bench: {ex.Message}");
    return 1;
}

static SshClientOptions ClientOptions(Arguments a) => new()
{
    UserName = a.Get("user", "admin"),
    Password = a.Get("password", "admin"),
    Cipher = a.Get("cipher", "aes128-gcm@openssh.com"),
    Pipeline = a.Has("pipeline"),
    VerifyHostKey = !a.Has("no-verify"),
};

static IReadOnlyList<EndPoint> Targets(Arguments a) =>
    [.. a.Get("target", "127.0.0.1:2222").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPEndPoint.Parse)];

static async Task<int> RunLoadAsync(Arguments a, CancellationToken cancellationToken)
{
    var spec = new LoadSpec(Targets(a), ClientOptions(a), a.Get("command", "display version"), a.Int("concurrency", 4),
        a.Int("count", 1000), TimeSpan.FromSeconds(a.Int("duration", 10)));
    var result = await LoadGenerator.RunAsync(spec, cancellationToken);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"connections {result.Completed}, errors {result.Errors}, {result.Elapsed.TotalSeconds:0.00} s, {result.ConnectionsPerSecond:0.0} conn/s, " +
        $"latency ms p50 {result.LatencyMs.P50:0.00} p90 {result.LatencyMs.P90:0.00} p99 {result.LatencyMs.P99:0.00} max {result.LatencyMs.Max:0.00}, " +
        $"client CPU {result.ClientCpuMsPerConnection:0.000} ms/conn"));
    foreach (string error in result.ErrorSamples)
    {
        Console.WriteLine($"  error: {error}");
    }

    return result.Errors == 0 && result.Completed > 0 ? 0 : 1;
}

static async Task<int> RunExecAsync(Arguments a, CancellationToken cancellationToken)
{
    await using var connection = await SshClientConnection.ConnectAsync(Targets(a)[0], ClientOptions(a), cancellationToken);
    var result = await connection.ExecAsync(a.Get("command", "display version"), keepOutput: true, cancellationToken);
    Console.Write(result.Output);
    Console.Error.WriteLine($"[{connection.ServerIdentification}; exit status {result.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}; stderr {result.StderrBytes} bytes]");
    return result.ExitStatus ?? 0;
}

static async Task<int> RunHoldAsync(Arguments a, CancellationToken cancellationToken)
{
    var targets = Targets(a);
    int wanted = a.Int("sessions", 1000);
    var open = new List<SshClientConnection>(wanted);
    int errors = 0;
    try
    {
        for (int i = 0; i < wanted; i++)
        {
            try
            {
                var connection = await SshClientConnection.ConnectAsync(targets[i % targets.Count], ClientOptions(a), cancellationToken);
                open.Add(connection);
                await connection.OpenShellAsync(80, 24, cancellationToken);
            }
            catch (Exception ex) when (ex is SshClientException or IOException or System.Net.Sockets.SocketException)
            {
                errors++;
            }
        }

        Console.WriteLine($"{open.Count} shells open, {errors} errors; holding {a.Int("seconds", 30)} s");
        await Task.Delay(TimeSpan.FromSeconds(a.Int("seconds", 30)), cancellationToken);
        return errors == 0 ? 0 : 1;
    }
    finally
    {
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }
}

static async Task<int> RunSuiteAsync(Arguments a, CancellationToken cancellationToken)
{
    var options = new SuiteOptions
    {
        Quick = a.Has("quick"),
        RepositoryRoot = a.Get("repo", "."),
        HostDll = a.Has("host") ? a.Get("host", "") : null,
        NativeHost = a.Has("native") ? a.Get("native", "") : null,
        OutputDirectory = a.Get("out", "bench/results"),
        MicroResultsDirectory = a.Has("micro-results") ? a.Get("micro-results", "") : null,
        Concurrency = a.Int("concurrency", 4),
    };
    if (a.Has("only"))
    {
        options = options with { Sections = new HashSet<string>(a.Get("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) };
    }

    string path = await new SuiteRunner(options, Console.Out).RunAsync(cancellationToken);
    Console.WriteLine($"report: {path}");
    return 0;
}

/// <summary>--name value and --flag options after a command word.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = [];

    public Arguments(string[] args)
    {
        Command = args.Length > 0 ? args[0] : "";
        for (int i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            string name = args[i][2..];
            string? value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            _values[name] = value;
        }
    }

    public string Command { get; }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Get(string name, string fallback) => _values.TryGetValue(name, out string? value) && value is not null ? value : fallback;

    public int Int(string name, int fallback) => _values.TryGetValue(name, out string? value) && value is not null
        ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
