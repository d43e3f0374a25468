using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;

namespace Emulator.Bench.Suite;

/// <summary>
/// The emulator host as a separate process (what users run): a fleet file of <c>count</c> devices on consecutive
/// ports, a control URL for /healthz, a fresh state directory. Readiness is both the log line
/// "All N devices listening" and GET /healthz answering 200; the time to each is recorded from process start.
/// </summary>
public sealed partial class EmulatorHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<TimeSpan> _allListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock;
    private int _disposed;

    /// <summary>First address of a <c>step: address</c> fleet (all devices on <see cref="FirstPort"/>).</summary>
    public static readonly IPAddress FirstStepAddress = IPAddress.Parse("127.1.0.1");

    private EmulatorHost(Process process, Stopwatch clock, string stateDirectory, int firstPort, int deviceCount, Uri? control, bool byAddress)
    {
        ByAddress = byAddress;
        _process = process;
        _clock = clock;
        StateDirectory = stateDirectory;
        FirstPort = firstPort;
        DeviceCount = deviceCount;
        Control = control;
    }

    public int Pid => _process.Id;

    public string StateDirectory { get; }

    /// <summary>Port of the first device; for a single device on port 0, learnt from its "listening on" log line.</summary>
    public int FirstPort { get; private set; }

    public int DeviceCount { get; }

    /// <summary>Devices on consecutive loopback addresses at one port (<c>step: address</c>, a shared listener) rather than consecutive ports.</summary>
    public bool ByAddress { get; }

    /// <summary>Control API (GET /healthz), or null when started with --control none.</summary>
    public Uri? Control { get; }

    public TimeSpan TimeToAllListening { get; private set; }

    public TimeSpan TimeToHealthy { get; private set; }

    public IReadOnlyList<EndPoint> DeviceEndPoints => ByAddress
        ? [.. Enumerable.Range(0, DeviceCount).Select(i => (EndPoint)new IPEndPoint(StepAddress(i), FirstPort))]
        : [.. Enumerable.Range(FirstPort, DeviceCount).Select(p => (EndPoint)new IPEndPoint(IPAddress.Loopback, p))];

    /// <summary>The address of the <paramref name="i"/>-th device (from 0) of a <c>step: address</c> fleet.</summary>
    public static IPAddress StepAddress(int i)
    {
        var first = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(FirstStepAddress.GetAddressBytes());
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, first + (uint)i);
        return new IPAddress(bytes);
    }

    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Path of the built host (emulator.dll) under the repository, or null when it has not been built.</summary>
    public static string? FindBuiltHost(string repositoryRoot, string? configuration = null)
    {
        foreach (string candidate in configuration is null ? ["Release", "Debug"] : new[] { configuration })
        {
            string path = Path.Combine(repositoryRoot, "src", "Emulator.Host", "bin", candidate, "net10.0", "emulator.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Fleet file: <paramref name="count"/> devices of one profile named prefix1..prefixN on consecutive ports.</summary>
    public static string FleetYaml(string namePrefix, string profile, int count, int firstPort, bool byAddress = false) => byAddress
        ? $$"""
            devices:
              - name: {{namePrefix}}{n}
                profile: {{profile}}
                ssh: {{FirstStepAddress}}:{{firstPort}}
                count: {{count}}
                step: address

            """
        : count == 1
        ? $"""
            devices:
              - name: {namePrefix}1
                profile: {profile}
                ssh: 127.0.0.1:{firstPort}

            """
        : $$"""
            devices:
              - name: {{namePrefix}}{n}
                profile: {{profile}}
                ssh: 127.0.0.1:{{firstPort}}
                count: {{count}}

            """;

    /// <summary>
    /// Starts the host. One device runs on an ephemeral port (<c>--ssh-port 0</c>, the port read from the log); more
    /// devices come from a fleet file with <c>count:</c> on consecutive free ports. With <paramref name="withControl"/>
    /// the control API listens too and readiness also waits for GET /healthz 200. With <paramref name="byAddress"/> the
    /// devices share one port at consecutive loopback addresses from <see cref="FirstStepAddress"/>. A host path not ending
    /// in .dll is a native executable (docker/publish.sh) and runs directly.
    /// </summary>
    public static async Task<EmulatorHost> StartAsync(
        string hostDll, int deviceCount, string profile, bool withControl, TimeSpan timeout, CancellationToken cancellationToken, bool byAddress = false)
    {
        hostDll = Path.GetFullPath(hostDll);
        string stateDirectory = Directory.CreateTempSubdirectory("emulator-bench-state-").FullName;
        var control = withControl ? new Uri($"http://127.0.0.1:{OpenSshServer.FreePort()}") : null;
        var native = !hostDll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var arguments = new List<string> { hostDll, "--state-dir", stateDirectory, "--control", control?.ToString().TrimEnd('/') ?? "none" };
        int firstPort = 0;
        if (deviceCount == 1 && !byAddress)
        {
            arguments.AddRange(["--profile", profile, "--ssh-port", "0"]);
        }
        else
        {
            firstPort = byAddress ? OpenSshServer.FreePort() : FindFreePortRange(deviceCount);
            string fleetFile = Path.Combine(stateDirectory, "fleet.yaml");
            await File.WriteAllTextAsync(fleetFile, FleetYaml("fw", profile, deviceCount, firstPort, byAddress), cancellationToken);
            arguments.AddRange(["--fleet", fleetFile]);
        }

        if (native)
        {
            arguments.RemoveAt(0);
        }

        var start = new ProcessStartInfo(native ? hostDll : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = stateDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Release-mode host as users run it: its own runtimeconfig (GC mode, thread-pool settings), no overrides.
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var host = new EmulatorHost(process, clock, stateDirectory, firstPort, deviceCount, control, byAddress);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(timeout, cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length > 64 * 1024)
            {
                _log.Remove(0, 32 * 1024);
            }

            _log.AppendLine(line);
        }

        if (FirstPort == 0 && DeviceListening().Match(line) is { Success: true } listening)
        {
            FirstPort = int.Parse(listening.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (AllListening().IsMatch(line))
        {
            _allListening.TrySetResult(_clock.Elapsed);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var healthz = Control is null ? null : new Uri(Control, "/healthz");
        while (_clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"emulator host exited with {_process.ExitCode}:\n{RecentLog}");
            }

            if (TimeToHealthy == TimeSpan.Zero && healthz is not null)
            {
                try
                {
                    using var response = await http.GetAsync(healthz, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        TimeToHealthy = _clock.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A slow answer while the host is busy starting devices.
                }
            }

            if (_allListening.Task.IsCompleted)
            {
                TimeToAllListening = await _allListening.Task;
            }

            if ((healthz is null || TimeToHealthy != TimeSpan.Zero) && TimeToAllListening != TimeSpan.Zero && FirstPort != 0)
            {
                return;
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"emulator host with {DeviceCount} devices not ready after {timeout.TotalSeconds:0} s " +
            $"(log line seen: {_allListening.Task.IsCompleted}, healthz 200: {TimeToHealthy != TimeSpan.Zero}):\n{RecentLog}");
    }

    /// <summary>A run of <paramref name="count"/> consecutive ports that are free now (checked by binding each).</summary>
    private static int FindFreePortRange(int count)
    {
        for (int first = 20000 + Random.Shared.Next(0, 20000); ; first = 20000 + Random.Shared.Next(0, 20000))
        {
            if (first + count >= 60000)
            {
                continue;
            }

            bool free = true;
            for (int port = first; port < first + count && free; port++)
            {
                try
                {
                    using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
                        System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (System.Net.Sockets.SocketException)
                {
                    free = false;
                }
            }

            if (free)
            {
                return first;
            }
        }
    }

    public Task<ProcSample> SampleAsync(CancellationToken cancellationToken) => Task.FromResult(ProcStat.Read(Pid));

    public async ValueTask DisposeAsync()
    {
        // The fleet section stops a host early to measure the next one alone, then leaves its scope.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                Shell.Run("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, check: false);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    [GeneratedRegex(@"All \d+ devices? (are )?listening", RegexOptions.IgnoreCase)]
    private static partial Regex AllListening();

    [GeneratedRegex(@"listening on [^\s;]+:(\d+)[;\s]")]
    private static partial Regex DeviceListening();
}
