using Emulator.Bench.Client;
using Emulator.Bench.Load;
using Emulator.Bench.Suite;

namespace Emulator.Bench.Tests;

/// <summary>
/// The load generator and the suite's shell paths against the real host process (src/Emulator.Host, built with this
/// test project), as bench/run.sh drives it: the ten-second smoke that keeps the benchmark from rotting, the V5 shell
/// (a NUL before the first prompt), type-ahead through a whole configuration, and a fleet that starts and answers.
/// </summary>
public sealed class EmulatorHostLoadTests
{
    private static readonly SshClientOptions s_admin = new() { UserName = "admin", Password = "admin" };

    private static async Task<EmulatorHost> StartAsync(int devices, CancellationToken ct, bool byAddress = false)
    {
        // The host built in this test run's configuration, not a stale one from an earlier Release build.
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        string? dll = EmulatorHost.FindBuiltHost(Repository.Root(), configuration);
        Requirements.Require(dll is null ? $"src/Emulator.Host is not built ({configuration})" : null);
        return await EmulatorHost.StartAsync(dll!, devices, "F1000-E", withControl: devices > 1, TimeSpan.FromSeconds(120), ct, byAddress);
    }

    /// <summary>A shell on the first device after typing <paramref name="loopbacks"/> LoopBack interfaces, as the suite does.</summary>
    private static async Task<(SshClientConnection Connection, ShellChannel Shell)> ShellWithLoopbacksAsync(
        EmulatorHost host, int rows, int loopbacks, CancellationToken ct)
    {
        var connection = await SshClientConnection.ConnectAsync(host.DeviceEndPoints[0], s_admin, ct);
        var shell = await connection.OpenShellAsync(rows > 24 ? 200 : 80, rows, ct);
        foreach (string command in BenchConfiguration.LoopbackCommands(1, loopbacks).Prepend("system-view").Append("return"))
        {
            await shell.RunAsync(command, ct);
        }

        return (connection, shell);
    }

    /// <summary>The suite's address-stepped fleet (issue 15): one port, consecutive loopback addresses, a shell at the last one.</summary>
    [Fact]
    public async Task An_address_stepped_fleet_starts_and_its_last_device_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(3, ct, byAddress: true);
        Assert.Equal(["127.1.0.1", "127.1.0.2", "127.1.0.3"], host.DeviceEndPoints.Select(e => ((System.Net.IPEndPoint)e).Address.ToString()));
        await using var connection = await SshClientConnection.ConnectAsync(host.DeviceEndPoints[^1], s_admin, ct);
        var shell = await connection.OpenShellAsync(80, 24, ct);
        Assert.True((await shell.RunAsync("display version", ct)).Bytes > 100);
    }

    [Fact]
    public async Task Ten_second_load_against_the_host_has_no_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(1, ct);

        var result = await LoadGenerator.RunAsync(new LoadSpec(
            host.DeviceEndPoints, s_admin, "display version",
            Concurrency: 4, MaxConnections: 100_000, MaxDuration: TimeSpan.FromSeconds(10)), ct);

        Assert.True(result.Errors == 0, string.Join("; ", result.ErrorSamples));
        Assert.True(result.Completed >= 20, $"only {result.Completed} connections in 10 s");
        var cpu = await host.SampleAsync(ct);
        Assert.True(cpu.TotalCpu > TimeSpan.Zero, "the host's CPU time could not be read from /proc");
    }

    [Fact]
    public async Task V5_shell_is_learnt_and_type_ahead_streams_every_configuration()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(1, ct);
        var (connection, shell) = await ShellWithLoopbacksAsync(host, rows: 50, loopbacks: 20, ct);
        await using var owned = connection;

        Assert.Equal("<H3C>", shell.Prompt);
        await shell.RunAsync("screen-length disable", ct);
        var once = await shell.RunAsync("display current-configuration", ct);
        long many = await shell.RunTypedAheadAsync("display current-configuration", 50, ct);

        Assert.True(once.Bytes > 20 * 60, $"the configuration shows {once.Bytes} bytes for 20 loopbacks");
        Assert.Equal(50 * once.Bytes, many);
    }

    [Fact]
    public async Task Paged_output_is_walked_with_spaces()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(1, ct);
        var (connection, shell) = await ShellWithLoopbacksAsync(host, rows: 24, loopbacks: 30, ct);
        await using var owned = connection;
        var paged = await shell.RunAsync("display current-configuration", ct);

        Assert.True(paged.Pages >= 4, $"{paged.Pages} pages for about 130 lines on a 24-line screen");
    }

    [Fact]
    public async Task A_sixty_device_fleet_starts_and_every_sampled_device_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await StartAsync(60, ct);

        Assert.True(fleet.TimeToAllListening > TimeSpan.Zero && fleet.TimeToHealthy > TimeSpan.Zero);
        foreach (int index in new[] { 0, 29, 59 })
        {
            await using var connection = await SshClientConnection.ConnectAsync(fleet.DeviceEndPoints[index], s_admin, ct);
            var result = await connection.ExecAsync("display version", keepOutput: true, ct);
            Assert.Contains("SecPath F1000-E", result.Output, StringComparison.Ordinal);
        }
    }
}
