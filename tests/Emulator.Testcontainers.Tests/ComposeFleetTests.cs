using System.Diagnostics;
using System.Globalization;

namespace Emulator.Testcontainers.Tests;

/// <summary>docker-compose.yml as a user runs it: the fleet comes up, each device is itself, and down/up keeps state.</summary>
public sealed class ComposeFleetTests(DockerFixture docker)
{
    private static readonly (string Service, string Greeting)[] Fleet =
    [
        ("fw1", "SSH-1.99-Comware-5.20"),
        ("fw2", "SSH-1.99-Comware-5.20"),
        ("fw3", "SSH-1.99-Comware-5.20"),
        ("fw4", "SSH-2.0-Comware-7.1.064"),
    ];

    private static readonly Dictionary<string, string> Profiles = new()
    {
        ["fw1"] = "F1000-E",
        ["fw2"] = "F5000-A5",
        ["fw3"] = "U200-S",
        ["fw4"] = "F1000-AI-55",
    };

    [Fact]
    public async Task Fleet_comes_up_healthy_with_one_model_and_own_keys_per_device_and_down_up_keeps_the_keys()
    {
        docker.RequireCompose();
        var ct = TestContext.Current.CancellationToken;
        await using var compose = new ComposeProject(docker, "secpath-test-" + Guid.NewGuid().ToString("N")[..10]);

        var timer = Stopwatch.StartNew();
        await compose.RunAsync(ct, "up", "-d", "--no-build");
        var first = await WaitForControlApisAsync(compose, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"compose up to every /healthz 200: {DockerFixture.Format(timer.Elapsed)}");

        foreach (var (service, profile) in Profiles)
        {
            Assert.Equal((service, profile, "listening"), (first[service].Device.Name, first[service].Device.Profile, first[service].Device.State));
        }

        Assert.Equal(Profiles.Count, first.Values.Select(d => d.Keys[0].Fingerprint).Distinct().Count());

        // Another container on the compose network reaches a device by name on port 22, as `ssh fw1` would.
        var probe = await ProcessRunner.RunAsync("docker",
            ["run", "--rm", "--network", compose.Name + "_default", "--entrypoint", "bash", docker.Image, "-c", "exec 3<>/dev/tcp/fw1/22 && head -c 8 <&3"],
            timeout: TimeSpan.FromMinutes(1), cancellationToken: ct);
        Assert.True(probe.ExitCode == 0 && probe.Output.StartsWith("SSH-", StringComparison.Ordinal), $"fw1:22 from the compose network: {probe}");

        timer.Restart();
        await compose.RunAsync(ct, "down");
        await compose.RunAsync(ct, "up", "-d", "--no-build");
        var second = await WaitForControlApisAsync(compose, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"compose down + up to every /healthz 200: {DockerFixture.Format(timer.Elapsed)}");
        foreach (var service in Profiles.Keys)
        {
            Assert.Equal(first[service].Keys, second[service].Keys);
        }
    }

    [Fact]
    public async Task Fleet_devices_greet_with_their_banner_and_keep_saved_configuration_over_down_up()
    {
        docker.RequireCompose();
        var ct = TestContext.Current.CancellationToken;
        await using var compose = new ComposeProject(docker, "secpath-test-" + Guid.NewGuid().ToString("N")[..10]);

        var timer = Stopwatch.StartNew();
        await compose.RunAsync(ct, "up", "-d", "--no-build");
        var first = await WaitForFleetAsync(compose, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"compose up to all greetings: {DockerFixture.Format(timer.Elapsed)}");

        var fingerprints = new Dictionary<string, string>();
        foreach (var (service, greeting) in Fleet)
        {
            Assert.Equal(greeting, first[service].Greeting);
            using var shell = await SecPathShell.OpenAsync("127.0.0.1", first[service].Port, "admin", "admin", cancellationToken: ct);
            fingerprints[service] = shell.HostKeyFingerprint!;
            if (service == "fw2")
            {
                await shell.ExecuteAsync("system-view", cancellationToken: ct);
                await shell.ExecuteAsync("sysname CORE-FW2", cancellationToken: ct);
                await shell.ExecuteAsync("save force", TimeSpan.FromSeconds(30), ct);
            }
        }

        Assert.Equal(Fleet.Length, fingerprints.Values.Distinct(StringComparer.Ordinal).Count());

        timer.Restart();
        await compose.RunAsync(ct, "down");
        await compose.RunAsync(ct, "up", "-d", "--no-build");
        var second = await WaitForFleetAsync(compose, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"compose down + up to all greetings: {DockerFixture.Format(timer.Elapsed)}");

        foreach (var (service, _) in Fleet)
        {
            using var shell = await SecPathShell.OpenAsync("127.0.0.1", second[service].Port, "admin", "admin", fingerprints[service], ct);
            Assert.Equal(fingerprints[service], shell.HostKeyFingerprint);
            if (service == "fw2")
            {
                Assert.Equal("<CORE-FW2>", shell.Prompt);
            }
        }

        using var control = new SecPathControlClient(await compose.ControlAddressAsync("fw2", ct));
        Assert.Contains("sysname CORE-FW2", await control.GetSavedConfigurationAsync("fw2", ct), StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, (SecPathDeviceInfo Device, IReadOnlyList<SecPathHostKey> Keys)>> WaitForControlApisAsync(
        ComposeProject compose, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var result = new Dictionary<string, (SecPathDeviceInfo, IReadOnlyList<SecPathHostKey>)>();
        foreach (var service in Profiles.Keys)
        {
            using var control = new SecPathControlClient(await compose.ControlAddressAsync(service, ct));
            while (!await control.IsHealthyAsync(ct))
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    var logs = await compose.RunAsync(ct, "logs", "--no-color", service);
                    Assert.Fail($"{service}: /healthz not 200 within 90 s. Logs:\n{logs.Output}");
                }

                await Task.Delay(250, ct);
            }

            result[service] = (await control.GetDeviceAsync(service, ct), await control.GetHostKeysAsync(service, ct));
        }

        return result;
    }

    private static async Task<Dictionary<string, (int Port, string Greeting)>> WaitForFleetAsync(ComposeProject compose, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var result = new Dictionary<string, (int, string)>();
        foreach (var (service, _) in Fleet)
        {
            var port = await compose.PortAsync(service, SecPathBuilder.SshPort, ct);
            while (true)
            {
                var greeting = await SshGreeting.TryReadAsync("127.0.0.1", port, TimeSpan.FromSeconds(2), ct);
                if (greeting is not null)
                {
                    result[service] = (port, greeting);
                    break;
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    var logs = await compose.RunAsync(ct, "logs", "--no-color", service);
                    Assert.Fail($"{service} sent no SSH greeting on port {port} within 90 s. Logs:\n{logs.Output}");
                }

                await Task.Delay(250, ct);
            }
        }

        return result;
    }

    /// <summary>One compose project with its own name, random host ports and volumes; removed with its volumes at the end.</summary>
    private sealed class ComposeProject(DockerFixture docker, string name) : IAsyncDisposable
    {
        /// <summary>The project name; compose calls its network <c>&lt;name&gt;_default</c>.</summary>
        public string Name => name;

        private readonly Dictionary<string, string?> _environment = BuildEnvironment(docker);

        public async Task<ProcessRunner.Result> RunAsync(CancellationToken ct, params string[] arguments)
        {
            var (file, prefix) = docker.ComposeCommand == "docker compose" ? ("docker", new[] { "compose" }) : ("docker-compose", []);
            string[] all = [.. prefix, "--project-name", name, "--file", Path.Combine(docker.RepositoryRoot, "docker-compose.yml"), .. arguments];
            var result = await ProcessRunner.RunAsync(file, all, docker.RepositoryRoot, _environment, TimeSpan.FromMinutes(3), ct);
            return result.EnsureSuccess($"{docker.ComposeCommand} {string.Join(' ', arguments)}");
        }

        public async Task<int> PortAsync(string service, int containerPort, CancellationToken ct)
        {
            var result = await RunAsync(ct, "port", service, containerPort.ToString(CultureInfo.InvariantCulture));
            var text = result.Output.Trim().Split('\n')[0].Trim();
            return int.Parse(text[(text.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        }

        public async Task<Uri> ControlAddressAsync(string service, CancellationToken ct) =>
            new UriBuilder(Uri.UriSchemeHttp, "127.0.0.1", await PortAsync(service, SecPathBuilder.ControlPort, ct)).Uri;

        public async ValueTask DisposeAsync()
        {
            await RunAsync(CancellationToken.None, "down", "--volumes", "--timeout", "5");
        }

        private static Dictionary<string, string?> BuildEnvironment(DockerFixture docker)
        {
            // Port 0: Docker picks free host ports, so this never collides with a real fleet or another test run.
            var environment = new Dictionary<string, string?> { ["EMULATOR_IMAGE"] = docker.Image };
            foreach (var (service, _) in Fleet)
            {
                var prefix = service.ToUpperInvariant();
                environment[prefix + "_SSH_PORT"] = "0";
                environment[prefix + "_CONTROL_PORT"] = "0";
                environment[prefix + "_TELNET_PORT"] = "0";
                environment[prefix + "_NETCONF_PORT"] = "0";
                environment[prefix + "_SNMP_PORT"] = "0";
            }

            return environment;
        }
    }
}
