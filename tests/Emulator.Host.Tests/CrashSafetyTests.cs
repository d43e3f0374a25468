using System.Diagnostics;
using System.Globalization;
using System.Text;
using Emulator.Device.State;
using Renci.SshNet;

namespace Emulator.Host.Tests;

/// <summary>
/// Issue 20, crash safety: the host process is killed with SIGKILL at random points of `save`s and of host key
/// creations. After every kill the state folder holds a complete startup.cfg (old or new) and every key file is a
/// whole key, the same one as before; the last restart comes up healthy with those keys. Bounded to about 40 s.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan _budget = TimeSpan.FromSeconds(35);

    private readonly string _dir = TestHosts.NewStateDir();
    private readonly string _state;
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Random _random = new(20);

    public CrashSafetyTests() => _state = Path.Combine(_dir, "state");

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crash_safety_sigkill_during_saves_and_key_creations_leaves_whole_files()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGKILL is a Unix signal");
        }

        var clock = Stopwatch.StartNew();
        int rounds = 0, killsDuringStart = 0, saves = 0, keyFiles = 0;
        while (clock.Elapsed < _budget && rounds < 30)
        {
            rounds++;
            var devices = 2 + (5 * rounds);
            var killDuringStart = rounds % 2 == 1;
            using var host = killDuringStart ? StartHost(devices, TestHosts.FreePort()) : await StartListeningHostAsync(devices);
            if (killDuringStart)
            {
                // Kill while the start creates the new devices' host keys (they come right after the state directory line).
                await host.Starting.WaitAsync(TimeSpan.FromSeconds(60), Ct);
                await Task.Delay(_random.Next(0, 400), Ct);
                killsDuringStart++;
            }
            else
            {
                saves += await SaveUntilKilledAsync(host, host.Fw1Port, rounds);
            }

            host.Process.Kill(entireProcessTree: true);
            await host.Process.WaitForExitAsync(Ct);
            AssertStartupFileIsWhole();
            keyFiles = AssertKeyFilesAreWholeAndUnchanged();
        }

        // A clean start on what the kills left: every device healthy, with the keys seen before.
        using (var final = await StartListeningHostAsync(2 + (5 * rounds)))
        {
            final.Process.Kill(entireProcessTree: true);
            await final.Process.WaitForExitAsync(Ct);
            Assert.DoesNotContain("[ERR]", final.Output, StringComparison.Ordinal);
        }

        AssertKeyFilesAreWholeAndUnchanged();
        Assert.True(saves > 20, $"only {saves} saves completed in {rounds} rounds");
        Assert.True(keyFiles > 20, $"only {keyFiles} key files");
        TestContext.Current.TestOutputHelper?.WriteLine($"{rounds} rounds ({killsDuringStart} kills during key creation), {saves} saves, {keyFiles} key files, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Logs in to fw1 and saves with a new sysname each time until the process is killed at a random moment.</summary>
    private async Task<int> SaveUntilKilledAsync(HostProcess host, int port, int round)
    {
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", port, "admin", new PasswordAuthenticationMethod("admin", "admin")) { Timeout = TimeSpan.FromSeconds(30) });
        await client.ConnectAsync(Ct);
        using var shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
        var output = new StringBuilder();
        var reader = Task.Run(() =>
        {
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = shell.Read(buffer, 0, buffer.Length)) > 0)
                {
                    lock (output)
                    {
                        output.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    }
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or Renci.SshNet.Common.SshException or IOException)
            {
                // The host was killed.
            }
        }, Ct);

        var script = new StringBuilder("system-view\r");
        for (var i = 0; i < 400; i++)
        {
            script.Append(CultureInfo.InvariantCulture, $"sysname R{round}S{i}\rsave force\r");
        }

        shell.Write(script.ToString());
        shell.Flush();
        await Task.Delay(_random.Next(300, 1500), Ct);
        host.Process.Kill(entireProcessTree: true);
        await host.Process.WaitForExitAsync(Ct);

        // SSH.NET may not notice the dead peer by itself: closing the stream ends the reader.
        shell.Dispose();
        client.Dispose();
        await reader.WaitAsync(TimeSpan.FromSeconds(30), Ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (output)
        {
            return CountOf(output.ToString(), "saved to device successfully");
        }
    }

    private void AssertStartupFileIsWhole()
    {
        var file = new DeviceStateDirectory(_state, "fw1").StartupConfigurationPath;
        if (!File.Exists(file))
        {
            return;
        }

        var text = File.ReadAllText(file);
        Assert.True(text.EndsWith("return\n", StringComparison.Ordinal), "startup.cfg is cut short:\n" + text);
        Assert.Equal(1, CountOf(text, "\n sysname "));
    }

    /// <summary>Every key file parses as a whole key and is the key first seen at that path. Returns how many there are.</summary>
    private int AssertKeyFilesAreWholeAndUnchanged()
    {
        var count = 0;
        if (!Directory.Exists(_state))
        {
            return 0;
        }

        foreach (var file in Directory.EnumerateFiles(_state, "ssh_host_*_key", SearchOption.AllDirectories))
        {
            using var key = SshHostKeyCodec.Instance.Import(File.ReadAllText(file));
            if (_fingerprints.TryGetValue(file, out var seen))
            {
                Assert.True(seen == key.FingerprintSha256, $"{file} changed after a kill");
            }
            else
            {
                _fingerprints[file] = key.FingerprintSha256;
            }

            count++;
        }

        return count;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Starts a host and waits until all its devices listen. fw1's port comes from a probe, and while every test project
    /// runs in parallel another process can take it before the host binds: then the host says "N-1 of N devices
    /// listening", and the start is retried on another port (the state folder is the same, so nothing is lost).
    /// </summary>
    private async Task<HostProcess> StartListeningHostAsync(int devices)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = StartHost(devices, TestHosts.FreePort());
            try
            {
                await host.Ready.WaitAsync(TimeSpan.FromSeconds(60), Ct);
                return host;
            }
            catch (PartialListenException) when (attempt < 3)
            {
                host.Dispose();
            }
            catch
            {
                host.Dispose();
                throw;
            }
        }
    }

    private HostProcess StartHost(int devices, int fw1Port)
    {
        var fleet = new StringBuilder("devices:\n");
        fleet.Append(CultureInfo.InvariantCulture, $"  - {{ name: fw1, profile: F1000-E, ssh: \"127.0.0.1:{fw1Port}\" }}\n");
        for (var i = 2; i <= devices; i++)
        {
            fleet.Append(CultureInfo.InvariantCulture, $"  - {{ name: fw{i}, profile: F1000-E, ssh: \"127.0.0.1:0\" }}\n");
        }

        Directory.CreateDirectory(_dir);
        var fleetFile = Path.Combine(_dir, "fleet.yaml");
        File.WriteAllText(fleetFile, fleet.ToString());
        return new HostProcess(["--fleet", fleetFile, "--state-dir", _state, "--control", "none"], devices) { Fw1Port = fw1Port };
    }

    /// <summary>The emulator as a child process, its console output collected.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _starting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HostProcess(string[] args, int devices)
        {
            Process = Process.Start(HostLauncher.StartInfo(args))!;
            var expected = $"All {devices} devices listening";
            var partial = $" of {devices} devices listening";
            Process.OutputDataReceived += (_, e) => Collect(e.Data, expected, partial);
            Process.ErrorDataReceived += (_, e) => Collect(e.Data, expected, partial);
            Process.Exited += (_, _) =>
            {
                _ready.TrySetException(new InvalidOperationException("the host exited before listening:\n" + Output));
                _starting.TrySetException(new InvalidOperationException("the host exited before starting:\n" + Output));
            };
            Process.EnableRaisingEvents = true;
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public int Fw1Port { get; init; }

        public Task Ready => _ready.Task;

        /// <summary>The host printed its state directory: devices are about to bind and create keys.</summary>
        public Task Starting => _starting.Task;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private void Collect(string? line, string expected, string partial)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line?.Contains("state directory", StringComparison.Ordinal) == true)
            {
                _starting.TrySetResult();
            }

            if (line?.Contains(expected, StringComparison.Ordinal) == true)
            {
                _ready.TrySetResult();
            }
            else if (line?.Contains(partial, StringComparison.Ordinal) == true)
            {
                _ready.TrySetException(new PartialListenException("not every device could bind:\n" + Output));
            }
        }
    }

    private sealed class PartialListenException(string message) : Exception(message);
}
