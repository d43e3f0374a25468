using Docker.DotNet.Models;
using DotNet.Testcontainers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;

namespace Emulator.Testcontainers;

/// <summary>Builds a container running one emulated H3C SecPath device.</summary>
/// <example>
/// <code>
/// await using var device = new SecPathBuilder(SecPathBuilder.SecPathImage)
///     .WithProfile("F1000-E")
///     .WithUser("admin", "secret", SecPathUser.NetworkAdmin)
///     .Build();
/// await device.StartAsync();
/// using var shell = await device.OpenShellAsync();
/// var version = await shell.ExecuteAsync("display version");
/// </code>
/// </example>
public sealed class SecPathBuilder : ContainerBuilder<SecPathBuilder, SecPathContainer, SecPathConfiguration>
{
    /// <summary>The image this module version is tested with (built by docker/build.sh).</summary>
    public const string SecPathImage = "h3c-secpath-emulator:dev";

    /// <summary>SSH port inside the container: 22, as on the device (the image relies on Docker letting non-root processes bind it).</summary>
    public const ushort SshPort = 22;

    /// <summary>Control API port inside the container.</summary>
    public const ushort ControlPort = 8022;

    /// <summary>Model used when <see cref="WithProfile" /> is not called.</summary>
    public const string DefaultProfile = "F1000-E";

    /// <summary>Device name used when <see cref="WithDeviceName" /> is not called.</summary>
    public const string DefaultDeviceName = "fw1";

    /// <summary>Factory user of the emulator.</summary>
    public const string DefaultUsername = "admin";

    /// <summary>Factory password of the emulator.</summary>
    public const string DefaultPassword = "admin";

    /// <summary>Where the image keeps device state (host keys, startup.cfg).</summary>
    public const string StateDirectory = "/var/lib/emulator";

    /// <summary>Where the image looks for custom YAML profiles.</summary>
    public const string ProfilesDirectory = "/etc/emulator/profiles";

    /// <summary>How long each readiness condition may take before StartAsync fails (a cold, busy CI machine included).</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Uses the pinned <see cref="SecPathImage" />.</summary>
    [Obsolete("Use the constructor with an image, for example new SecPathBuilder(SecPathBuilder.SecPathImage).")]
    public SecPathBuilder()
        : this(SecPathImage)
    {
    }

    /// <summary>Creates a builder for the given image tag, such as <c>h3c-secpath-emulator:dev</c>.</summary>
    public SecPathBuilder(string image)
        : this(new SecPathConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    /// <summary>Creates a builder for the given image.</summary>
    public SecPathBuilder(IImage image)
        : this(new SecPathConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private SecPathBuilder(SecPathConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override SecPathConfiguration DockerResourceConfiguration { get; }

    /// <summary>Selects the device model, the name of a profile shipped in the image or added with <see cref="WithProfileFile" />.</summary>
    /// <param name="profile">Profile name, such as <c>F1000-E</c>. Its Comware dialect is the device's business:
    /// ask the running container with <see cref="SecPathContainer.GetDialectAsync" />.</param>
    public SecPathBuilder WithProfile(string profile) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(profile: profile))
            .WithEnvironment("EMULATOR_PROFILE", profile);

    /// <summary>Names the device (the sysname of a fresh device and its name in the control API).</summary>
    public SecPathBuilder WithDeviceName(string deviceName) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(deviceName: deviceName))
            .WithEnvironment("EMULATOR_DEVICE_NAME", deviceName);

    /// <summary>Adds a local user, or replaces the user of the same name (including the factory <c>admin</c>).</summary>
    public SecPathBuilder WithUser(string name, string password, string role = SecPathUser.NetworkAdmin) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(users: [new SecPathUser(name, password, role)]));

    /// <summary>Sets the fleet secret (EMULATOR_FLEET_SECRET) shared by the devices of a fleet.</summary>
    public SecPathBuilder WithFleetSecret(string secret) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(fleetSecret: secret))
            .WithEnvironment("EMULATOR_FLEET_SECRET", secret);

    /// <summary>Copies a custom YAML profile into the container's profile directory.</summary>
    public SecPathBuilder WithProfileFile(string path)
    {
        var file = new FileInfo(path);
        return WithResourceMapping(file, new FileInfo(Path.Combine(ProfilesDirectory, file.Name)));
    }

    /// <inheritdoc />
    public override SecPathContainer Build()
    {
        Validate();
        var builder = this;
        var users = DockerResourceConfiguration.Users ?? [];
        if (!IsFactoryDefault(users))
        {
            builder = builder
                .WithResourceMapping(SecPathFleetFile.Render(DockerResourceConfiguration), SecPathFleetFile.ContainerPath)
                .WithEnvironment("EMULATOR_FLEET", SecPathFleetFile.ContainerPath);
        }

        return new SecPathContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override SecPathBuilder Init() =>
        base.Init()
            .WithPortBinding(SshPort, true)
            .WithPortBinding(ControlPort, true)
            .WithProfile(DefaultProfile)
            .WithDeviceName(DefaultDeviceName)
            .WithUser(DefaultUsername, DefaultPassword, SecPathUser.NetworkAdmin)
            .WithWaitStrategy(WaitUntilReady());

    /// <summary>The default readiness: the host logged that every device listens, the control API answers /healthz
    /// (it starts after the devices), and the SSH server greets through the mapped port (a published port accepts
    /// connections before anything listens inside). Tests that replace the wait strategy can start from this one.</summary>
    public static IWaitForContainerOS WaitUntilReady(bool sshGreeting = true)
    {
        var wait = Wait.ForUnixContainer()
            .UntilMessageIsLogged(@"All \d+ devices? listening", o => o.WithTimeout(StartupTimeout))
            .UntilHttpRequestIsSucceeded(r => r.ForPort(ControlPort).ForPath("/healthz"), o => o.WithTimeout(StartupTimeout));
        return sshGreeting ? wait.AddCustomWaitStrategy(new WaitUntilSshGreeting(SshPort), o => o.WithTimeout(StartupTimeout)) : wait;
    }

    /// <inheritdoc />
    protected override void Validate()
    {
        base.Validate();
        _ = Guard.Argument(DockerResourceConfiguration.Profile, nameof(SecPathConfiguration.Profile)).NotNull().NotEmpty();
        _ = Guard.Argument(DockerResourceConfiguration.DeviceName, nameof(SecPathConfiguration.DeviceName)).NotNull().NotEmpty();
        var users = DockerResourceConfiguration.Users;
        if (users is null || users.Count == 0)
        {
            throw new ArgumentException("At least one user is required to log in.", nameof(SecPathConfiguration.Users));
        }

        foreach (var user in users)
        {
            if (string.IsNullOrEmpty(user.Name) || user.Name.Any(char.IsWhiteSpace) || string.IsNullOrEmpty(user.Password)
                || string.IsNullOrEmpty(user.Role))
            {
                throw new ArgumentException($"User '{user.Name}': the name needs no spaces, password and role must be set.", nameof(SecPathConfiguration.Users));
            }
        }
    }

    /// <inheritdoc />
    protected override SecPathBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override SecPathBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new SecPathConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override SecPathBuilder Merge(SecPathConfiguration oldValue, SecPathConfiguration newValue) =>
        new(new SecPathConfiguration(oldValue, newValue));

    private static bool IsFactoryDefault(IReadOnlyList<SecPathUser> users) =>
        users is [{ Name: DefaultUsername, Password: DefaultPassword, Role: SecPathUser.NetworkAdmin }];
}
