using System.Globalization;
using DotNet.Testcontainers.Containers;

namespace Emulator.Testcontainers;

/// <summary>A running emulated SecPath device: where to reach it, who may log in, and helpers to drive it.</summary>
public sealed class SecPathContainer : DockerContainer
{
    private readonly SecPathConfiguration _configuration;

    /// <summary>Created by <see cref="SecPathBuilder.Build" />.</summary>
    public SecPathContainer(SecPathConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The configuration the container was built from (tests inspect it).</summary>
    internal SecPathConfiguration Configuration => _configuration;

    /// <summary>The device name, as the control API knows it.</summary>
    public string DeviceName => _configuration.DeviceName ?? SecPathBuilder.DefaultDeviceName;

    /// <summary>The model (profile name).</summary>
    public string Profile => _configuration.Profile ?? SecPathBuilder.DefaultProfile;

    /// <summary>All configured users.</summary>
    public IReadOnlyList<SecPathUser> Users => _configuration.Users ?? [];

    /// <summary>The user the helpers log in as: the first administrator configured, else the first user.</summary>
    public SecPathUser DefaultUser =>
        Users.FirstOrDefault(u => u.Role == SecPathUser.NetworkAdmin) ?? Users[0];

    /// <summary>User name of <see cref="DefaultUser" />.</summary>
    public string Username => DefaultUser.Name;

    /// <summary>Password of <see cref="DefaultUser" />.</summary>
    public string Password => DefaultUser.Password;

    /// <summary>SSH port on the Docker host (changes when the container restarts).</summary>
    public int SshPort => GetMappedPublicPort(SecPathBuilder.SshPort);

    /// <summary>Base address of the control API on the Docker host, such as <c>http://127.0.0.1:32771/</c>.</summary>
    public Uri ControlAddress =>
        new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(SecPathBuilder.ControlPort)).Uri;

    /// <summary><c>ssh://user@host:port</c> for the default user.</summary>
    public string GetConnectionString() =>
        string.Create(CultureInfo.InvariantCulture, $"ssh://{Uri.EscapeDataString(Username)}@{Hostname}:{SshPort}");

    /// <summary>A control API client bound to this container (dispose it).</summary>
    public SecPathControlClient CreateControlClient() => new(ControlAddress);

    /// <summary>The device's host keys, from the control API (which creates keys that do not exist yet).</summary>
    public async Task<IReadOnlyList<SecPathHostKey>> GetHostKeysAsync(CancellationToken cancellationToken = default)
    {
        using var control = CreateControlClient();
        return await control.GetHostKeysAsync(DeviceName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>known_hosts lines for the mapped endpoint, one per host key: <c>[host]:port type base64</c>.</summary>
    public async Task<string> GetKnownHostsAsync(CancellationToken cancellationToken = default)
    {
        var keys = await GetHostKeysAsync(cancellationToken).ConfigureAwait(false);
        return SecPathKnownHosts.Format(Hostname, SshPort, keys);
    }

    /// <summary>Logs in (the default user unless given) and opens an interactive CLI session.
    /// The host key is checked against the control API, as a client with a known_hosts file would.</summary>
    public async Task<SecPathShell> OpenShellAsync(SecPathUser? user = null, CancellationToken cancellationToken = default)
    {
        user ??= DefaultUser;
        var keys = await GetHostKeysAsync(cancellationToken).ConfigureAwait(false);
        var shell = await SecPathShell.OpenAsync(Hostname, SshPort, user.Name, user.Password, expectedFingerprint: null, cancellationToken)
            .ConfigureAwait(false);
        if (!keys.Any(k => string.Equals(k.Fingerprint, shell.HostKeyFingerprint, StringComparison.Ordinal)))
        {
            shell.Dispose();
            throw new InvalidOperationException(
                $"Host key {shell.HostKeyFingerprint} is not one the control API lists ({string.Join(", ", keys.Select(k => k.Fingerprint))}).");
        }

        return shell;
    }

    /// <summary>Logs in, runs the commands one after the other, and returns each command's output.</summary>
    public async Task<IReadOnlyList<string>> RunCommandsAsync(IEnumerable<string> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        using var shell = await OpenShellAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            outputs.Add(await shell.ExecuteAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return outputs;
    }

    /// <summary>The Comware dialect the running device speaks (V5 levels or V7 roles), as the control API reports it.</summary>
    public async Task<SecPathDialect> GetDialectAsync(CancellationToken cancellationToken = default)
    {
        using var control = CreateControlClient();
        var device = await control.GetDeviceAsync(DeviceName, cancellationToken).ConfigureAwait(false);
        return device.Dialect;
    }

    /// <summary>The running configuration, from the control API.</summary>
    public async Task<string> GetRunningConfigurationAsync(CancellationToken cancellationToken = default)
    {
        using var control = CreateControlClient();
        return await control.GetRunningConfigurationAsync(DeviceName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The saved (startup) configuration, from the control API; empty when never saved.</summary>
    public async Task<string> GetSavedConfigurationAsync(CancellationToken cancellationToken = default)
    {
        using var control = CreateControlClient();
        return await control.GetSavedConfigurationAsync(DeviceName, cancellationToken).ConfigureAwait(false);
    }
}
