using Emulator.Bench.Load;

namespace Emulator.Bench.Suite;

/// <summary>One measured load run against one server, with the server's CPU time over the run.</summary>
public sealed record HandshakeMeasurement(string Server, int Concurrency, LoadResult Load, TimeSpan ServerCpu)
{
    public double ServerCpuMsPerConnection => Load.Completed == 0 ? 0 : ServerCpu.TotalMilliseconds / Load.Completed;
}

/// <summary>connect + key exchange + password + exec + close, warm-up first, then a bounded measured run.</summary>
public static class HandshakeBench
{
    public static async Task<HandshakeMeasurement> RunAsync(
        ServerUnderTest server, int concurrency, int warmup, int count, TimeSpan maxDuration, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(log);
        if (warmup > 0)
        {
            var warm = await LoadGenerator.RunAsync(
                new LoadSpec(server.Targets, server.Client, server.ExecCommand, concurrency, warmup, maxDuration), cancellationToken);
            await log.WriteLineAsync($"  {server.Name}: warm-up {warm.Completed} ok, {warm.Errors} errors");
            if (warm.Completed == 0)
            {
                throw new InvalidOperationException($"{server.Name}: no connection succeeded in warm-up: {string.Join("; ", warm.ErrorSamples)}");
            }
        }

        var before = await server.SampleAsync(cancellationToken);
        var load = await LoadGenerator.RunAsync(
            new LoadSpec(server.Targets, server.Client, server.ExecCommand, concurrency, count, maxDuration), cancellationToken);
        var after = await server.SampleAsync(cancellationToken);
        var measurement = new HandshakeMeasurement(server.Name, concurrency, load, after.TotalCpu - before.TotalCpu);
        await log.WriteLineAsync(
            $"  {server.Name}: {load.Completed} connections in {load.Elapsed.TotalSeconds:0.0} s = {load.ConnectionsPerSecond:0.0}/s, " +
            $"p50 {load.LatencyMs.P50:0.00} ms, p99 {load.LatencyMs.P99:0.00} ms, errors {load.Errors}, " +
            $"server CPU {measurement.ServerCpuMsPerConnection:0.000} ms/conn, client CPU {load.ClientCpuMsPerConnection:0.000} ms/conn");
        foreach (string error in load.ErrorSamples)
        {
            await log.WriteLineAsync($"    error: {error}");
        }

        return measurement;
    }
}
