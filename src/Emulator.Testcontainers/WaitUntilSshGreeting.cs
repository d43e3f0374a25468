using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Emulator.Testcontainers;

/// <summary>Ready when the SSH server greets through the mapped port, so a client connecting next gets a real server.</summary>
public sealed class WaitUntilSshGreeting : IWaitUntil
{
    private readonly int _containerPort;
    private readonly TimeSpan _readTimeout;

    /// <summary>Waits for the greeting on <paramref name="containerPort" /> (the port inside the container).</summary>
    public WaitUntilSshGreeting(int containerPort = SecPathBuilder.SshPort, TimeSpan? readTimeout = null)
    {
        _containerPort = containerPort;
        _readTimeout = readTimeout ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>The last greeting read, for diagnostics.</summary>
    public string? LastGreeting { get; private set; }

    /// <inheritdoc />
    public async Task<bool> UntilAsync(IContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var port = container.GetMappedPublicPort(_containerPort);
        LastGreeting = await SshGreeting.TryReadAsync(container.Hostname, port, _readTimeout).ConfigureAwait(false);
        return LastGreeting is not null;
    }
}
