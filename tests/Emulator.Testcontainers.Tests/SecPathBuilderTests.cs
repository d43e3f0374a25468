using System.Text;

namespace Emulator.Testcontainers.Tests;

/// <summary>What Build() produces, checked on the container's configuration (Build needs a Docker endpoint, not a container).</summary>
public sealed class SecPathBuilderTests(DockerFixture docker)
{
    [Fact]
    public void Defaults_publish_ssh_and_control_ports_and_select_the_factory_device()
    {
        docker.RequireDocker();
        var device = new SecPathBuilder(docker.Image).Build();

        Assert.Equal(SecPathBuilder.DefaultProfile, device.Profile);
        Assert.Equal(SecPathBuilder.DefaultDeviceName, device.DeviceName);
        Assert.Equal(new SecPathUser("admin", "admin"), device.DefaultUser);
        var configuration = Configuration(device);
        Assert.Equal("F1000-E", configuration.Environments["EMULATOR_PROFILE"]);
        Assert.Equal("fw1", configuration.Environments["EMULATOR_DEVICE_NAME"]);
        Assert.False(configuration.Environments.ContainsKey("EMULATOR_FLEET"));
        Assert.Contains("22", configuration.PortBindings.Keys);
        Assert.Contains("8022", configuration.PortBindings.Keys);
    }

    [Fact]
    public async Task Users_go_to_the_host_as_a_fleet_file_with_their_roles_on_every_model()
    {
        docker.RequireDocker();
        var v5 = new SecPathBuilder(docker.Image)
            .WithProfile("F5000-A5")
            .WithDeviceName("edge")
            .WithUser("admin", "new\"pass")
            .WithUser("audit", "audit-pw", SecPathUser.NetworkOperator)
            .Build();
        var v7 = new SecPathBuilder(docker.Image)
            .WithProfile("F1000-AI-55")
            .WithUser("audit", "audit-pw", SecPathUser.NetworkOperator)
            .Build();

        Assert.Equal("/etc/emulator/fleet.yaml", Configuration(v5).Environments["EMULATOR_FLEET"]);
        Assert.Equal(
            """
            # Written by Emulator.Testcontainers.
            devices:
              - name: "edge"
                profile: "F5000-A5"
                ssh: "0.0.0.0:22"
                users:
                  - name: "admin"
                    password: "new\"pass"
                    role: "network-admin"
                    services: [ssh]
                  - name: "audit"
                    password: "audit-pw"
                    role: "network-operator"
                    services: [ssh]

            """.ReplaceLineEndings("\n"),
            await FleetFileOf(v5));
        var v7File = await FleetFileOf(v7);
        Assert.Contains("role: \"network-admin\"", v7File, StringComparison.Ordinal);
        Assert.Contains("role: \"network-operator\"", v7File, StringComparison.Ordinal);
        Assert.DoesNotContain("level:", v7File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "pw")]
    [InlineData("two words", "pw")]
    [InlineData("admin", "")]
    public void Build_rejects_unusable_users(string name, string password)
    {
        docker.RequireDocker();
        Assert.Throws<ArgumentException>(() => new SecPathBuilder(docker.Image).WithUser(name, password).Build());
    }

    [Fact]
    public void Build_rejects_a_missing_profile()
    {
        docker.RequireDocker();
        Assert.ThrowsAny<ArgumentException>(() => new SecPathBuilder(docker.Image).WithProfile(string.Empty).Build());
    }

    private static SecPathConfiguration Configuration(SecPathContainer container) => container.Configuration;

    private static async Task<string> FleetFileOf(SecPathContainer container)
    {
        var mapping = Configuration(container).ResourceMappings.Single(m => m.Target == "/etc/emulator/fleet.yaml");
        return Encoding.UTF8.GetString(await mapping.GetAllBytesAsync(TestContext.Current.CancellationToken));
    }
}
