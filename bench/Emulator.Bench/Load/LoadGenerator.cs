using System.Diagnostics;
using System.Net;
using Emulator.Bench.Client;

namespace Emulator.Bench.Load;

/// <summary>What one load run does: each of <see cref="Concurrency"/> workers loops connect + kex + auth + exec + close.</summary>
public sealed record LoadSpec(
    IReadOnlyList<EndPoint> Targets,
    SshClientOptions Client,
    string Command,
    int Concurrency,
    int MaxConnections,
    TimeSpan MaxDuration);

/// <summary>
/// Opens connections as fast as the server accepts them, with a fixed number in flight. Bounded by a count and a
/// time, whichever comes first. A connection counts as successful when the command produced output and did not
/// report a non-zero exit status.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(LoadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var latencies = new List<double>[spec.Concurrency];
        var errors = new ErrorTally();
        int started = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(spec.MaxDuration);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        async Task Worker(int index)
        {
            var mine = latencies[index] = new List<double>(1024);
            while (!deadline.IsCancellationRequested)
            {
                int number = Interlocked.Increment(ref started);
                if (number > spec.MaxConnections)
                {
                    return;
                }

                var target = spec.Targets[number % spec.Targets.Count];
                long t0 = Stopwatch.GetTimestamp();
                try
                {
                    await using var connection = await SshClientConnection.ConnectAsync(target, spec.Client, deadline.Token);
                    var result = await connection.ExecAsync(spec.Command, keepOutput: false, deadline.Token);
                    if (result.StdoutBytes == 0 || result.ExitStatus is not (null or 0))
                    {
                        errors.Add($"'{spec.Command}' gave {result.StdoutBytes} bytes, exit status {result.ExitStatus}");
                        continue;
                    }

                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    // The time bound cut this connection short: neither a success nor an error.
                    return;
                }
                catch (Exception ex) when (ex is SshClientException or System.Net.Sockets.SocketException or IOException)
                {
                    errors.Add(ex.Message);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, spec.Concurrency).Select(i => Task.Run(() => Worker(i), CancellationToken.None)));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l ?? []).ToArray();
        return new LoadResult(all.Length, errors.Count, errors.Samples(), elapsed, Percentiles.Of(all), cpu);
    }
}

public sealed record LoadResult(
    int Completed, int Errors, IReadOnlyList<string> ErrorSamples, TimeSpan Elapsed, Percentiles LatencyMs, TimeSpan ClientCpu)
{
    public double ConnectionsPerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double ClientCpuMsPerConnection => Completed == 0 ? 0 : ClientCpu.TotalMilliseconds / Completed;
}

/// <summary>Counts errors and keeps the distinct messages (the first few) with their counts.</summary>
internal sealed class ErrorTally
{
    private readonly Dictionary<string, int> _byMessage = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(string message)
    {
        Interlocked.Increment(ref _count);
        lock (_byMessage)
        {
            if (_byMessage.Count < 20 || _byMessage.ContainsKey(message))
            {
                _byMessage[message] = _byMessage.GetValueOrDefault(message) + 1;
            }
        }
    }

    public IReadOnlyList<string> Samples()
    {
        lock (_byMessage)
        {
            return [.. _byMessage.OrderByDescending(p => p.Value).Select(p => $"{p.Value} x {p.Key}")];
        }
    }
}
