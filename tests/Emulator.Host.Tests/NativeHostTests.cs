using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Emulator.Host.Tests;

/// <summary>
/// Issue 15: the Native AOT host (docker/publish.sh) starts, serves an SSH login and answers the control API (JSON
/// from the source-generated serialiser, YAML from the emitter). Takes <c>EMULATOR_NATIVE_HOST</c>, else a published
/// docker/out/emulator (.ci/run publishes it once before the tests), else under CI=true publishes one itself; outside
/// CI without one it skips.
/// </summary>
public sealed class NativeHostTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_native_host_starts_serves_an_ssh_login_and_the_control_api()
    {
        var native = await FindOrPublishAsync();
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(native)!, "emulator.dll")), $"{native} is a JIT apphost, not a native build");
        int ssh = TestHosts.FreePort(), control = TestHosts.FreePort();
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(HostLauncher.StartInfo(native,
            ["--ssh-port", ssh.ToString(CultureInfo.InvariantCulture), "--control", $"http://127.0.0.1:{control}", "--state-dir", _dir]))!;
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("All 1 devices listening", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            TestContext.Current.SendDiagnosticMessage($"native host {native}: all devices listening after {clock.ElapsedMilliseconds} ms");

            using (var client = new Renci.SshNet.SshClient(new Renci.SshNet.ConnectionInfo("127.0.0.1", ssh, "admin", new Renci.SshNet.PasswordAuthenticationMethod("admin", "admin"))))
            {
                await client.ConnectAsync(Ct);
                using var command = client.RunCommand("display version");
                Assert.Contains("F1000-E", command.Result, StringComparison.Ordinal);
            }

            // curve25519 and the Ed25519 signature ran in libsodium (published beside the executable), not in the
            // BouncyCastle fallback: the process has it mapped once a login happened.
            Assert.Contains(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(native))!, "libsodium.so"),
                await File.ReadAllTextAsync($"/proc/{process.Id}/maps", Ct), StringComparison.Ordinal);

            // The expensive exchange (finite-field DH, RSA host key) leaves the socket I/O thread the host reads on.
            var slow = new Renci.SshNet.ConnectionInfo("127.0.0.1", ssh, "admin", new Renci.SshNet.PasswordAuthenticationMethod("admin", "admin"));
            foreach (var name in slow.KeyExchangeAlgorithms.Keys.Where(n => n != "diffie-hellman-group14-sha256").ToList())
            {
                slow.KeyExchangeAlgorithms.Remove(name);
            }

            foreach (var name in slow.HostKeyAlgorithms.Keys.Where(n => n != "rsa-sha2-256").ToList())
            {
                slow.HostKeyAlgorithms.Remove(name);
            }

            using (var client = new Renci.SshNet.SshClient(slow))
            {
                await client.ConnectAsync(Ct);
                Assert.Equal("diffie-hellman-group14-sha256", client.ConnectionInfo.CurrentKeyExchangeAlgorithm);
                using var command = client.RunCommand("display clock");
                Assert.Equal(0, command.ExitStatus);
            }

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{control}"), Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal("ok\n", await http.GetStringAsync("/healthz", Ct));
            var device = (await http.GetFromJsonAsync<JsonElement[]>("/api/devices", Ct))![0];
            Assert.Equal("fw1", device.GetProperty("name").GetString());
            Assert.True(device.GetProperty("warm").GetBoolean());
            Assert.Equal(3, device.GetProperty("fingerprints").GetArrayLength());
            var running = await http.GetFromJsonAsync<JsonElement>("/api/devices/fw1/config/running", Ct);
            Assert.Contains("sysname", running.GetProperty("configuration").GetString(), StringComparison.Ordinal);

            using var fault = await http.PostAsJsonAsync("/api/devices/fw1/faults", new Dictionary<string, string> { ["kind"] = "command-latency", ["delay"] = "1ms" }, Ct);
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
            Assert.Equal(1, (await http.GetFromJsonAsync<JsonElement>("/api/devices/fw1/faults", Ct)).GetArrayLength());
            using var missing = await http.GetAsync("/api/devices/nope", Ct);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("no device named", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString(), StringComparison.Ordinal);

            Assert.Contains("ansible_host: \"127.0.0.1\"", await http.GetStringAsync("/api/inventory", Ct), StringComparison.Ordinal);
            Assert.Contains("emulator_", await http.GetStringAsync("/metrics", Ct), StringComparison.Ordinal);

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            Assert.Equal(0, process.ExitCode);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.IAssertionException)
        {
            lock (output)
            {
                throw new InvalidOperationException("native host output:\n" + output, ex);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The native executable to test; publishes one under CI=true when none is there (minutes on 2 cores).</summary>
    private static async Task<string> FindOrPublishAsync()
    {
        if (HostLauncher.NativeHost is { } named)
        {
            return named;
        }

        var root = RepositoryRoot();
        var prebuilt = Path.Combine(root, "docker", "out", "emulator");
        if (File.Exists(prebuilt))
        {
            return prebuilt;
        }

        Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true",
            $"no native host: set {HostLauncher.NativeHostVariable} or run docker/publish.sh (Native AOT, needs clang and zlib1g-dev)");
        var output = Path.Combine(Path.GetTempPath(), "emu-native-" + Guid.NewGuid().ToString("N"));
        var publish = new ProcessStartInfo("bash", ["docker/publish.sh", output]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(publish)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(20), Ct);
        Assert.True(process.ExitCode == 0, $"docker/publish.sh failed:\n{await stdout}\n{await stderr}");
        return Path.Combine(output, "emulator");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Emulator.sln not found above " + AppContext.BaseDirectory);
    }
}
