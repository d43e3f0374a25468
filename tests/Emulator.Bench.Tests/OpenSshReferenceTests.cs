using System.Net;
using Emulator.Bench.Client;
using Emulator.Bench.Load;
using Emulator.Bench.Suite;

namespace Emulator.Bench.Tests;

/// <summary>
/// The load generator's own client against the reference server it is compared with: if these fail, the
/// benchmark figures mean nothing. Needs root and /usr/sbin/sshd (CI installs openssh-server).
/// </summary>
[Collection(nameof(SshdUserSerial))]
public sealed class OpenSshReferenceTests
{
    [Fact]
    public async Task Exec_returns_the_exact_bytes_sshd_sent()
    {
        Requirements.Require(OpenSshServer.WhyUnavailable());
        var ct = TestContext.Current.CancellationToken;
        using var sshd = await OpenSshServer.StartAsync(ct);
        string text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i} of the reference output\n"));
        string file = sshd.WriteFile("out.txt", text);

        await using var connection = await SshClientConnection.ConnectAsync(
            new IPEndPoint(IPAddress.Loopback, sshd.Port), new SshClientOptions { UserName = OpenSshServer.UserName, Password = OpenSshServer.Password }, ct);
        var result = await connection.ExecAsync($"cat {file}", keepOutput: true, ct);

        Assert.StartsWith("SSH-2.0-OpenSSH", connection.ServerIdentification, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitStatus);
        Assert.Equal(text, result.Output);
    }

    [Fact]
    public async Task Wrong_password_is_reported_as_an_authentication_failure()
    {
        Requirements.Require(OpenSshServer.WhyUnavailable());
        var ct = TestContext.Current.CancellationToken;
        using var sshd = await OpenSshServer.StartAsync(ct);

        var error = await Assert.ThrowsAsync<SshClientException>(() => SshClientConnection.ConnectAsync(
            new IPEndPoint(IPAddress.Loopback, sshd.Port), new SshClientOptions { UserName = OpenSshServer.UserName, Password = "wrong" }, ct));

        Assert.Contains("authentication failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_run_against_sshd_has_no_errors_and_sshd_cpu_is_counted()
    {
        Requirements.Require(OpenSshServer.WhyUnavailable());
        var ct = TestContext.Current.CancellationToken;
        using var sshd = await OpenSshServer.StartAsync(ct);
        string file = sshd.WriteFile("version.txt", "H3C Comware Software, Version 7.1.064\n");
        var before = await sshd.SampleAfterChildrenExitAsync(ct);

        var result = await LoadGenerator.RunAsync(new LoadSpec(
            [new IPEndPoint(IPAddress.Loopback, sshd.Port)],
            new SshClientOptions { UserName = OpenSshServer.UserName, Password = OpenSshServer.Password },
            $"cat {file}", Concurrency: 2, MaxConnections: 20, MaxDuration: TimeSpan.FromSeconds(20)), ct);
        var after = await sshd.SampleAfterChildrenExitAsync(ct);

        Assert.Equal(0, result.Errors);
        Assert.Equal(20, result.Completed);
        Assert.Equal(20, result.LatencyMs.Count);
        // sshd forks per connection; its reaped children must show up in the listener's cutime/cstime.
        Assert.True(after.TotalCpu > before.TotalCpu, $"sshd CPU did not grow: {before.TotalCpu} -> {after.TotalCpu}");
    }
}

/// <summary>The sshd tests share one throwaway user name, so they run one at a time.</summary>
[CollectionDefinition(nameof(SshdUserSerial), DisableParallelization = true)]
public sealed class SshdUserSerial;
