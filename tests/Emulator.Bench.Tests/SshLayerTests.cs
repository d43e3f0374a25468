using System.Net;
using Emulator.Bench.Client;
using Emulator.Bench.Load;
using Emulator.Bench.Suite;

namespace Emulator.Bench.Tests;

/// <summary>
/// The load generator against the emulator's SSH layer (bench/Emulator.SshOnly: src/Emulator.Ssh behind a trivial
/// handler, run as a process): a few seconds of connect + kex + password + exec with zero errors, and the shell
/// paths the suite uses. Keeps bench/ from rotting in CI.
/// </summary>
public sealed class SshLayerTests
{
    private static async Task<SshOnlyServer> StartAsync(CancellationToken ct)
    {
        string? dll = SshOnlyServer.FindBuilt(Repository.Root());
        Requirements.Require(dll is null ? "bench/Emulator.SshOnly is not built" : null);
        return await SshOnlyServer.StartAsync(dll!, ct);
    }

    [Fact]
    public async Task Load_run_has_no_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await StartAsync(ct);

        var result = await LoadGenerator.RunAsync(new LoadSpec(
            [new IPEndPoint(IPAddress.Loopback, server.Port)], new SshClientOptions(), "display version",
            Concurrency: 2, MaxConnections: 5000, MaxDuration: TimeSpan.FromSeconds(3)), ct);

        Assert.True(result.Errors == 0, string.Join("; ", result.ErrorSamples));
        Assert.True(result.Completed >= 10, $"only {result.Completed} connections in 3 s");
        Assert.True(result.LatencyMs.P99 > 0);
    }

    [Fact]
    public async Task Exec_streams_exactly_the_requested_bytes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await StartAsync(ct);
        await using var connection = await SshClientConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), new SshClientOptions(), ct);

        // More than the client's 2 MiB window, so window adjusts must flow for it to finish.
        var result = await connection.ExecAsync("stream 5000000", keepOutput: false, ct);

        Assert.Equal(5_000_000, result.StdoutBytes);
        Assert.Equal(0, result.ExitStatus);
    }

    [Fact]
    public async Task Shell_learns_the_prompt_and_counts_typed_ahead_prompts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await StartAsync(ct);
        await using var connection = await SshClientConnection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), new SshClientOptions(), ct);
        var shell = await connection.OpenShellAsync(80, 24, ct);

        var one = await shell.RunAsync("display version", ct);
        long many = await shell.RunTypedAheadAsync("display version", 200, ct);

        Assert.Equal("<ssh-only>", shell.Prompt);
        Assert.Equal("display version\r\n<ssh-only>".Length, one.Bytes);
        Assert.Equal(200 * one.Bytes, many);
    }

    [Fact]
    public async Task Wrong_password_fails_the_login_not_the_run()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await StartAsync(ct);

        var result = await LoadGenerator.RunAsync(new LoadSpec(
            [new IPEndPoint(IPAddress.Loopback, server.Port)], new SshClientOptions { Password = "wrong" }, "display version",
            Concurrency: 1, MaxConnections: 2, MaxDuration: TimeSpan.FromSeconds(20)), ct);

        Assert.Equal(2, result.Errors);
        Assert.Equal(0, result.Completed);
        Assert.Contains(result.ErrorSamples, e => e.Contains("authentication failed", StringComparison.Ordinal));
    }
}
