using System.Text.Json;

namespace Emulator.Testcontainers.Tests;

/// <summary>The image as built by docker/build.sh: non-root, ports, state volume, health check, profiles inside.</summary>
public sealed class ImageTests(DockerFixture docker)
{
    [Fact]
    public async Task Image_runs_non_root_with_state_volume_ports_and_a_healthcheck()
    {
        docker.RequireDocker();
        var inspect = await ProcessRunner.RunAsync("docker", ["image", "inspect", "--format", "{{json .Config}}", docker.Image],
            cancellationToken: TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(inspect.EnsureSuccess("docker image inspect").Output);
        var config = json.RootElement;

        Assert.Equal("1654", config.GetProperty("User").GetString());
        Assert.Equal(["161/udp", "22/tcp", "23/tcp", "8022/tcp", "830/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["/var/lib/emulator"], config.GetProperty("Volumes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["/app/emulator"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["CMD", "/usr/local/bin/emulator-healthcheck"],
            config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString()));
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("EMULATOR_ADDRESS=0.0.0.0", environment);
        Assert.Contains("EMULATOR_SSH_PORT=22", environment);
        Assert.Contains("EMULATOR_NETCONF_PORT=830", environment);
        Assert.Contains("EMULATOR_TELNET_PORT=23", environment);
        Assert.Contains("EMULATOR_STATE_DIR=/var/lib/emulator", environment);
    }

    [Fact]
    public async Task Image_ships_the_profiles_and_a_state_directory_the_app_user_owns()
    {
        docker.RequireDocker();
        var run = await ProcessRunner.RunAsync(
            "docker",
            ["run", "--rm", "--entrypoint", "bash", docker.Image, "-c",
             "stat -c '%u %a' /var/lib/emulator; test -d /etc/emulator/profiles && echo custom-dir; ls /app/device-profiles; "
             + "EMULATOR_CONTROL=http://127.0.0.1:8022 /usr/local/bin/emulator-healthcheck 2>/dev/null; echo health=$?"],
            cancellationToken: TestContext.Current.CancellationToken);
        var lines = run.EnsureSuccess("docker run").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("1654 750", lines[0]);
        Assert.Equal("custom-dir", lines[1]);
        Assert.Contains("F1000-E.yaml", lines);
        Assert.Contains("F5000-A5.yaml", lines);
        Assert.Contains("U200-S.yaml", lines);
        Assert.Contains("F1000-AI-55.yaml", lines);
        // Nothing listens in this container: the health check must say so, not pass on a refused connection.
        Assert.Equal("health=1", lines[^1]);
    }
}
