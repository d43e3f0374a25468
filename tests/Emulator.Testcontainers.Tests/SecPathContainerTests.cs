using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using Renci.SshNet.Common;

namespace Emulator.Testcontainers.Tests;

/// <summary>The image and the module together: a real container, real SSH (SSH.NET) through the mapped port.</summary>
public sealed class SecPathContainerTests(DockerFixture docker)
{
    private const string V5Greeting = "SSH-1.99-Comware-5.20";
    private const string V7Greeting = "SSH-2.0-Comware-7.1.064";

    [Theory]
    [InlineData("F1000-E", V5Greeting, SecPathDialect.V5)]
    [InlineData("F1000-AI-55", V7Greeting, SecPathDialect.V7)]
    public async Task Device_starts_as_non_root_and_greets_with_its_model_banner(string profile, string greeting, SecPathDialect dialect)
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        await using var device = new SecPathBuilder(docker.Image).WithProfile(profile).Build();

        var started = Stopwatch.StartNew();
        await device.StartAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{profile}: StartAsync to SSH greeting {DockerFixture.Format(started.Elapsed)}"
            + (docker.BuildTime is { } build ? $"; image build {DockerFixture.Format(build)}" : string.Empty));

        Assert.Equal(greeting, await SshGreeting.TryReadAsync(device.Hostname, device.SshPort, TimeSpan.FromSeconds(5), ct));
        var id = await device.ExecAsync(["id", "-u"], ct);
        Assert.Equal("1654", id.Stdout.Trim());

        using var control = device.CreateControlClient();
        Assert.True(await control.IsHealthyAsync(ct));
        var info = await control.GetDeviceAsync(device.DeviceName, ct);
        Assert.Equal(profile, info.Profile);
        Assert.Equal("listening", info.State);
        Assert.Equal(SecPathBuilder.SshPort, info.Port);
        Assert.Equal(dialect, info.Dialect);
        Assert.Equal(dialect, await device.GetDialectAsync(ct));
        var keys = await device.GetHostKeysAsync(ct);
        Assert.NotEmpty(keys);
        Assert.Contains($"[{device.Hostname}]:{device.SshPort} {keys[0].Type} {keys[0].PublicKey}", await device.GetKnownHostsAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_configuration_and_host_key_survive_a_container_restart()
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        await using var device = new SecPathBuilder(docker.Image)
            .WithProfile("F1000-E")
            .WithUser("admin", "s3cret-Pass", SecPathUser.NetworkAdmin)
            .Build();
        await device.StartAsync(ct);

        string fingerprint;
        using (var shell = await device.OpenShellAsync(cancellationToken: ct))
        {
            fingerprint = shell.HostKeyFingerprint!;
            Assert.Equal("<H3C>", shell.Prompt);
            await shell.ExecuteAsync("system-view", cancellationToken: ct);
            await shell.ExecuteAsync("sysname LAB-EDGE-7", cancellationToken: ct);
            Assert.Equal("[LAB-EDGE-7]", shell.Prompt);
            await shell.ExecuteAsync("return", cancellationToken: ct);
            await shell.ExecuteAsync("save force", TimeSpan.FromSeconds(30), ct);
        }

        Assert.Contains("sysname LAB-EDGE-7", await device.GetSavedConfigurationAsync(ct), StringComparison.Ordinal);
        Assert.Contains(fingerprint, (await device.GetHostKeysAsync(ct)).Select(k => k.Fingerprint));

        // SIGTERM must reach the emulator as PID 1: a graceful stop exits 0 well before Docker's 10 s SIGKILL.
        var stopping = Stopwatch.StartNew();
        await device.StopAsync(ct);
        var stopTime = stopping.Elapsed;
        Assert.Equal(0, await device.GetExitCodeAsync(ct));
        Assert.True(stopTime < TimeSpan.FromSeconds(8), $"docker stop took {DockerFixture.Format(stopTime)}: SIGTERM was not handled");

        var restarting = Stopwatch.StartNew();
        await device.StartAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"stop {DockerFixture.Format(stopTime)}, restart to greeting {DockerFixture.Format(restarting.Elapsed)}");

        using (var shell = await device.OpenShellAsync(cancellationToken: ct))
        {
            Assert.Equal(fingerprint, shell.HostKeyFingerprint);
            Assert.Equal("<LAB-EDGE-7>", shell.Prompt);
        }

        Assert.Contains("sysname LAB-EDGE-7", await device.GetRunningConfigurationAsync(ct), StringComparison.Ordinal);
        var factory = new SecPathUser("admin", SecPathBuilder.DefaultPassword);
        await Assert.ThrowsAsync<SshAuthenticationException>(() => device.OpenShellAsync(factory, ct));
    }

    [Fact]
    public async Task State_volume_carries_keys_and_saved_configuration_to_a_new_container()
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        await using var volume = new VolumeBuilder().WithName("secpath-test-" + Guid.NewGuid().ToString("N")[..12]).Build();
        await volume.CreateAsync(ct);

        string fingerprint;
        await using (var first = NewDeviceOn(volume.Name))
        {
            await first.StartAsync(ct);
            using var shell = await first.OpenShellAsync(cancellationToken: ct);
            fingerprint = shell.HostKeyFingerprint!;
            await shell.ExecuteAsync("system-view", cancellationToken: ct);
            await shell.ExecuteAsync("sysname FROM-VOLUME", cancellationToken: ct);
            await shell.ExecuteAsync("save force", TimeSpan.FromSeconds(30), ct);
        }

        await using var second = NewDeviceOn(volume.Name);
        await second.StartAsync(ct);
        using var again = await second.OpenShellAsync(cancellationToken: ct);
        Assert.Equal(fingerprint, again.HostKeyFingerprint);
        Assert.Equal("<FROM-VOLUME>", again.Prompt);
    }

    [Fact]
    public async Task Container_runs_non_root_serves_the_control_api_turns_healthy_and_stops_on_sigterm()
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        await using var device = new SecPathBuilder(docker.Image)
            .WithProfile("U200-S")
            .WithDeviceName("branch-7")
            .WithWaitStrategy(SecPathBuilder.WaitUntilReady(sshGreeting: false).UntilContainerIsHealthy())
            .Build();

        var started = Stopwatch.StartNew();
        await device.StartAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"StartAsync to Docker health 'healthy': {DockerFixture.Format(started.Elapsed)}");

        Assert.Equal("1654", (await device.ExecAsync(["id", "-u"], ct)).Stdout.Trim());
        using (var control = device.CreateControlClient())
        {
            Assert.True(await control.IsHealthyAsync(ct));
            var info = Assert.Single(await control.GetDevicesAsync(ct));
            Assert.Equal(("branch-7", "U200-S", "SecPath U200-S", "0.0.0.0", 22, "listening"),
                (info.Name, info.Profile, info.Model, info.Address, info.Port, info.State));
        }

        var keys = await device.GetHostKeysAsync(ct);
        Assert.Contains(keys, k => k.Type == "ssh-rsa");
        var knownHosts = await device.GetKnownHostsAsync(ct);
        Assert.All(keys, k => Assert.Contains($"[{device.Hostname}]:{device.SshPort} {k.Type} {k.PublicKey}\n", knownHosts, StringComparison.Ordinal));

        // SIGTERM must reach the emulator as PID 1: a graceful stop exits 0 well before Docker's 10 s SIGKILL.
        var stopping = Stopwatch.StartNew();
        await device.StopAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"StopAsync: {DockerFixture.Format(stopping.Elapsed)}");
        Assert.Equal(0, await device.GetExitCodeAsync(ct));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"docker stop took {DockerFixture.Format(stopping.Elapsed)}: SIGTERM was not handled");
    }

    [Fact]
    public async Task Host_keys_survive_a_container_restart_and_the_fleet_secret_fixes_them_across_containers()
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        SecPathContainer NewDevice(string secret) => new SecPathBuilder(docker.Image)
            .WithDeviceName("lab-fw")
            .WithFleetSecret(secret)
            .WithWaitStrategy(SecPathBuilder.WaitUntilReady(sshGreeting: false))
            .Build();

        IReadOnlyList<SecPathHostKey> first;
        await using (var device = NewDevice("lab-secret-1"))
        {
            await device.StartAsync(ct);
            first = await device.GetHostKeysAsync(ct);
            await device.StopAsync(ct);
            await device.StartAsync(ct);
            Assert.Equal(first, await device.GetHostKeysAsync(ct));
        }

        await using (var twin = NewDevice("lab-secret-1"))
        {
            await twin.StartAsync(ct);
            Assert.Equal(first, await twin.GetHostKeysAsync(ct));
        }

        await using var other = NewDevice("lab-secret-2");
        await other.StartAsync(ct);
        Assert.Empty((await other.GetHostKeysAsync(ct)).Intersect(first));
    }

    [Fact]
    public async Task Custom_profile_file_is_used_by_the_device()
    {
        docker.RequireDocker();
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"LAB-F1000-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            # A lab variant of the F1000-E that identifies itself differently.
            extends: F1000-E
            model: SecPath F1000-E LAB
            ssh:
              identification: SSH-2.0-Comware-5.20-LAB
            """, ct);
        try
        {
            await using var device = new SecPathBuilder(docker.Image)
                .WithProfileFile(file)
                .WithProfile(Path.GetFileNameWithoutExtension(file))
                .WithWaitStrategy(SecPathBuilder.WaitUntilReady(sshGreeting: false))
                .Build();
            await device.StartAsync(ct);
            using var control = device.CreateControlClient();
            var info = await control.GetDeviceAsync(device.DeviceName, ct);
            Assert.Equal((Path.GetFileNameWithoutExtension(file), "SecPath F1000-E LAB"), (info.Profile, info.Model));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private SecPathContainer NewDeviceOn(string volumeName) =>
        new SecPathBuilder(docker.Image)
            .WithProfile("F5000-A5")
            .WithDeviceName("edge")
            .WithVolumeMount(volumeName, SecPathBuilder.StateDirectory)
            .Build();
}
