using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Emulator.Testcontainers;

/// <summary>Module-specific settings of a <see cref="SecPathContainer" />; everything else is the base container configuration.</summary>
public sealed class SecPathConfiguration : ContainerConfiguration
{
    /// <summary>Creates a configuration with the given module values; null means "not set here" when merged.</summary>
    public SecPathConfiguration(
        string? profile = null,
        string? deviceName = null,
        IReadOnlyList<SecPathUser>? users = null,
        string? fleetSecret = null)
    {
        Profile = profile;
        DeviceName = deviceName;
        Users = users;
        FleetSecret = fleetSecret;
    }

    /// <summary>Copies the base configuration (used by the builder's Clone).</summary>
    public SecPathConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies the base configuration (used by the builder's Clone).</summary>
    public SecPathConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public SecPathConfiguration(SecPathConfiguration resourceConfiguration)
        : this(new SecPathConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; values set in <paramref name="newValue" /> win.</summary>
    public SecPathConfiguration(SecPathConfiguration oldValue, SecPathConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Profile = BuildConfiguration.Combine(oldValue.Profile, newValue.Profile);
        DeviceName = BuildConfiguration.Combine(oldValue.DeviceName, newValue.DeviceName);
        Users = MergeUsers(oldValue.Users, newValue.Users);
        FleetSecret = BuildConfiguration.Combine(oldValue.FleetSecret, newValue.FleetSecret);
    }

    /// <summary>Device model, the name of a profile in the image (for example <c>F1000-E</c>).</summary>
    public string? Profile { get; }

    /// <summary>Device name: the sysname of a fresh device and the name used by the control API.</summary>
    public string? DeviceName { get; }

    /// <summary>Local users; a later user with the same name replaces an earlier one.</summary>
    public IReadOnlyList<SecPathUser>? Users { get; }

    /// <summary>Secret shared by a fleet (EMULATOR_FLEET_SECRET).</summary>
    public string? FleetSecret { get; }

    private static IReadOnlyList<SecPathUser>? MergeUsers(IReadOnlyList<SecPathUser>? oldUsers, IReadOnlyList<SecPathUser>? newUsers)
    {
        if (oldUsers is null || newUsers is null)
        {
            return newUsers ?? oldUsers;
        }

        // WithUser("admin", ...) after the default admin replaces it rather than adding a second admin.
        var merged = oldUsers.Where(u => !newUsers.Any(n => string.Equals(n.Name, u.Name, StringComparison.Ordinal))).ToList();
        merged.AddRange(newUsers);
        return merged;
    }
}
