using System.Diagnostics;
using Emulator.Bench.Client;

namespace Emulator.Bench.Suite;

public sealed record ThroughputMeasurement(string Server, string Command, long Bytes, TimeSpan Elapsed, TimeSpan ServerCpu)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>Channel throughput: one exec whose output is large, timed from the request to the channel close (best of N).</summary>
public static class ThroughputBench
{
    public static async Task<ThroughputMeasurement> RunAsync(ServerUnderTest server, string command, long expectedBytes, int repeats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ThroughputMeasurement? best = null;
        for (int i = 0; i < repeats; i++)
        {
            // Server CPU is read around the whole connection (sshd's per-connection processes are only counted once
            // reaped); one login is small next to tens of megabytes of data.
            var before = await server.SampleAsync(cancellationToken);
            var connection = await SshClientConnection.ConnectAsync(server.Targets[0], server.Client, cancellationToken);
            long t0 = Stopwatch.GetTimestamp();
            var result = await connection.ExecAsync(command, keepOutput: false, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(t0);
            await connection.DisposeAsync();
            var after = await server.SampleAsync(cancellationToken);
            if (result.StdoutBytes < expectedBytes)
            {
                throw new InvalidOperationException($"{server.Name}: '{command}' produced {result.StdoutBytes} bytes, expected at least {expectedBytes}");
            }

            var measurement = new ThroughputMeasurement(server.Name, command, result.StdoutBytes, elapsed, after.TotalCpu - before.TotalCpu);
            if (best is null || measurement.MegabytesPerSecond > best.MegabytesPerSecond)
            {
                best = measurement;
            }
        }

        return best!;
    }
}
