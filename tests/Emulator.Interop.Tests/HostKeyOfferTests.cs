using System.Globalization;

namespace Emulator.Interop.Tests;

/// <summary>
/// Issue 19 with real clients: the host-key offer follows the device's key pairs. `public-key local create dsa` makes
/// OpenSSH's `HostKeyAlgorithms=ssh-dss` work at the next connection, `public-key local destroy` undoes it, the state
/// survives a host restart, and paramiko logs in when ssh-dss is all the device offers.
/// </summary>
public sealed class HostKeyOfferTests : IAsyncDisposable
{
    // `device` policy: exactly the V5 lists (ssh-rsa, ssh-dss), so the offer is what the key pairs allow.
    private const string Fleet = """
        devices:
          - { name: v5, profile: F1000-E, ssh: "127.0.0.1:0", algorithm-policy: device }
        """;

    /// <summary>What OpenSSH 9 needs for a V5 device besides the host-key algorithm.</summary>
    private static readonly string[] _legacy =
        ["-o", "KexAlgorithms=+diffie-hellman-group14-sha1", "-o", "Ciphers=+aes128-cbc", "-o", "MACs=+hmac-sha1"];

    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Logs in forcing exactly one host-key algorithm and runs a command (or a shell script on stdin).</summary>
    private static Task<Clients.Result> SshWithAsync(int port, string hostKeyAlgorithm, string? command, string? script = null) =>
        Clients.SshAsync(port, "admin", "admin", command, script, Ct,
            [.. (script is null ? Array.Empty<string>() : ["-tt"]), "-o", "HostKeyAlgorithms=" + hostKeyAlgorithm, "-o", "LogLevel=INFO", .. _legacy]);

    private static async Task AssertOfferedAsync(int port, string algorithm)
    {
        var result = await SshWithAsync(port, algorithm, "display version");
        Assert.True(result.ExitCode == 0, $"{algorithm} should be offered: {result}");
        Assert.Contains("SecPath F1000-E", Clients.Normalize(result.StdOut), StringComparison.Ordinal);
    }

    private static async Task AssertNotOfferedAsync(int port, string algorithm, string offer)
    {
        var result = await SshWithAsync(port, algorithm, "display version");
        Assert.True(result.ExitCode == 255, $"{algorithm} should not be offered: {result}");
        Assert.Contains("no matching host key type found. Their offer: " + offer, result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Types the commands into a shell logged in with <paramref name="via"/>; returns the screen text.</summary>
    private static async Task<string> CliAsync(int port, string via, string commands)
    {
        var result = await SshWithAsync(port, via, null, "system-view\n" + commands + "quit\nquit\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Clients.Normalize(result.StdOut);
    }

    [Fact]
    public async Task Host_key_offer_follows_create_and_destroy_for_OpenSSH_and_survives_a_restart()
    {
        Clients.Require("ssh");
        var host = await RunningHost.StartAsync(_dir, Fleet);
        await using (host)
        {
            var port = host.Port("v5");
            await AssertOfferedAsync(port, "ssh-rsa");
            await AssertNotOfferedAsync(port, "ssh-dss", "ssh-rsa");

            var created = await CliAsync(port, "ssh-rsa", "public-key local create dsa\n\n");
            Assert.Contains("Input the bits in the modulus[default = 1024]:", created, StringComparison.Ordinal);
            await AssertOfferedAsync(port, "ssh-dss");
            await AssertOfferedAsync(port, "ssh-rsa");

            var shown = await CliAsync(port, "ssh-dss", "display public-key local dsa public\n");
            Assert.Contains("Key type: DSA Encryption Key", shown, StringComparison.Ordinal);

            await CliAsync(port, "ssh-dss", "public-key local destroy rsa\ny\n");
            await AssertNotOfferedAsync(port, "ssh-rsa", "ssh-dss");
            await AssertOfferedAsync(port, "ssh-dss");
        }

        // Restart on the same state folder: RSA stays destroyed, DSA stays.
        host = await RunningHost.StartAsync(_dir, Fleet);
        await using (host)
        {
            var port = host.Port("v5");
            await AssertNotOfferedAsync(port, "ssh-rsa", "ssh-dss");
            await AssertOfferedAsync(port, "ssh-dss");

            await CliAsync(port, "ssh-dss", "public-key local create rsa\n2048\n");
            await AssertOfferedAsync(port, "ssh-rsa");
            await CliAsync(port, "ssh-rsa", "public-key local destroy dsa\ny\n");
            await AssertNotOfferedAsync(port, "ssh-dss", "ssh-rsa");
        }

        host = await RunningHost.StartAsync(_dir, Fleet);
        await using (host)
        {
            var port = host.Port("v5");
            await AssertOfferedAsync(port, "ssh-rsa");
            await AssertNotOfferedAsync(port, "ssh-dss", "ssh-rsa");

            // The key presented is the one the control API lists (and the one `public-key local create rsa` made).
            var knownHosts = Path.Combine(_dir, "known_hosts");
            await File.WriteAllTextAsync(knownHosts, await host.Http.GetStringAsync("/api/known_hosts", Ct), Ct);
            var strict = await Clients.SshAsync(port, "admin", "admin", "display version", null, Ct,
                [.. _legacy, "-o", "HostKeyAlgorithms=ssh-rsa", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts]);
            Assert.True(strict.ExitCode == 0, strict.ToString());
        }
    }

    [Fact]
    public async Task Host_key_offer_paramiko_logs_in_when_the_device_offers_only_ssh_dss()
    {
        Clients.Require("ssh");
        Clients.RequirePythonModule("paramiko");
        var host = await RunningHost.StartAsync(_dir, Fleet);
        await using (host)
        {
            var port = host.Port("v5");
            await CliAsync(port, "ssh-rsa", "public-key local create dsa\n\npublic-key local destroy rsa\ny\n");
            await AssertNotOfferedAsync(port, "ssh-rsa", "ssh-dss");

            var result = await Clients.RunAsync(Clients.Python, [Clients.Script("paramiko_hostkey.py"), port.ToString(CultureInfo.InvariantCulture), "admin", "admin", "display version"],
                null, TimeSpan.FromSeconds(90), Ct);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("host-key: ssh-dss", result.StdOut, StringComparison.Ordinal);
            Assert.Contains("exit-status: 0", result.StdOut, StringComparison.Ordinal);
        }
    }
}
