using System.Text.Json;

namespace Emulator.Interop.Tests;

/// <summary>Real OpenSSH clients against a real host: banners, keys, exec, shell, algorithm policies.</summary>
public sealed class OpenSshTests : IAsyncLifetime
{
    private const string Fleet = """
        devices:
          - { name: v5, profile: F1000-E, ssh: "127.0.0.1:0" }
          - { name: v7, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
          - { name: strict, profile: F5000-A5, ssh: "127.0.0.1:0", algorithm-policy: device }
        """;

    private readonly string _dir = RunningHost.NewDirectory();
    private RunningHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await RunningHost.StartAsync(_dir, Fleet);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Two_models_at_once_show_their_own_banners_and_the_keys_the_api_reports()
    {
        var keyscan = Clients.Require("ssh-keyscan");
        var v5 = Clients.RunAsync(keyscan, ["-v", "-T", "20", "-p", _host.Port("v5").ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "ed25519,rsa", "127.0.0.1"], null, TimeSpan.FromSeconds(60), Ct);
        var v7 = Clients.RunAsync(keyscan, ["-v", "-T", "20", "-p", _host.Port("v7").ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "ed25519,rsa", "127.0.0.1"], null, TimeSpan.FromSeconds(60), Ct);
        var (r5, r7) = (await v5, await v7);
        Assert.Contains("SSH-1.99-Comware-5.20", r5.StdOut + r5.StdErr, StringComparison.Ordinal);
        Assert.Contains("SSH-2.0-Comware-7.1.064", r7.StdOut + r7.StdErr, StringComparison.Ordinal);

        var api = await _host.DeviceAsync("v5");
        var lines = r5.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(2, lines.Count);
        var known = await _host.Http.GetStringAsync("/api/known_hosts", Ct);
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            Assert.Contains($"{parts[1]} {parts[2]}", known, StringComparison.Ordinal);
        }

        Assert.Equal(JsonValueKind.Array, api.GetProperty("fingerprints").ValueKind);
    }

    [Fact]
    public async Task Ssh_exec_display_version_exits_0_with_the_model()
    {
        var result = await Clients.SshAsync(_host.Port("v5"), "admin", "admin", "display version", null, Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = Clients.Normalize(result.StdOut);
        Assert.Contains("Comware Software, Version 5.20, Release 3177", text, StringComparison.Ordinal);
        Assert.Contains("SecPath F1000-E", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_login_prints_the_banner_and_prompt_and_quit_ends_it()
    {
        var result = await Clients.SshAsync(_host.Port("v7"), "admin", "admin", null, "display clock\nquit\n", Ct, "-tt");
        var text = Clients.Normalize(result.StdOut);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("* Copyright (c)", text, StringComparison.Ordinal);
        Assert.Contains("<H3C>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var result = await Clients.SshAsync(_host.Port("v5"), "admin", "wrong", "display version", null, Ct);

        // sshpass exits 5 when the server asks for the password again, i.e. the password was refused.
        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.DoesNotContain("Comware", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_policy_needs_the_same_legacy_options_as_the_real_box()
    {
        var port = _host.Port("strict");
        // Negotiation fails before authentication, so plain ssh (no sshpass) shows OpenSSH's own message.
        var plain = await Clients.RunAsync(Clients.Require("ssh"), [.. Clients.SshArgs(port, "admin", "-o", "BatchMode=yes", "-o", "LogLevel=INFO"), "display version"], null, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(255, plain.ExitCode);
        Assert.Contains("no matching", plain.StdErr, StringComparison.Ordinal);

        var legacy = await Clients.SshAsync(port, "admin", "admin", "display version", null, Ct,
            "-o", "HostKeyAlgorithms=+ssh-rsa", "-o", "PubkeyAcceptedAlgorithms=+ssh-rsa",
            "-o", "KexAlgorithms=+diffie-hellman-group14-sha1", "-o", "Ciphers=+aes128-cbc", "-o", "MACs=+hmac-sha1");
        Assert.True(legacy.ExitCode == 0, legacy.ToString());
        Assert.Contains("SecPath F5000-A5", Clients.Normalize(legacy.StdOut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paramiko_runs_a_command_over_exec()
    {
        Clients.RequirePythonModule("paramiko");
        var result = await Clients.RunAsync(Clients.Python, [Clients.Script("paramiko_exec.py"), _host.Port("v7").ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin", "display version"], null, TimeSpan.FromSeconds(90), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("remote-version: SSH-2.0-Comware-7.1.064", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("exit-status: 0", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("7.1.064", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paramiko_sessions_on_one_device_never_wait_for_each_other_and_take_vty_lines()
    {
        Clients.RequirePythonModule("paramiko");
        var result = await Clients.RunAsync(Clients.Python, [Clients.Script("paramiko_vty_sessions.py"), _host.Port("v5").ToString(System.Globalization.CultureInfo.InvariantCulture), "admin", "admin"], null, TimeSpan.FromSeconds(120), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("B: display users marks VTY 1", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("F: refused: All user interfaces are used, please try later!", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("ok\n", result.StdOut, StringComparison.Ordinal);
    }
}
