using System.Collections.Immutable;
using Emulator.Comware.Auth;

namespace Emulator.Comware.Model.Management;

/// <summary>One <c>ssh user</c> entry.</summary>
public sealed record SshUser
{
    public required string Name { get; init; }

    /// <summary><c>stelnet</c>, <c>sftp</c>, <c>scp</c>, <c>netconf</c> or <c>all</c>; null when not set.</summary>
    public string? ServiceType { get; init; }

    public SshAuthenticationType? AuthenticationType { get; init; }

    /// <summary>Name of the <c>public-key peer</c> assigned with <c>assign publickey</c>.</summary>
    public string? PublicKeyName { get; init; }
}

/// <summary>SSH server settings of the device.</summary>
public sealed record SshSettings
{
    public bool ServerEnabled { get; init; }

    public int AuthenticationRetries { get; init; } = DefaultAuthenticationRetries;

    /// <summary>Seconds a client has to authenticate.</summary>
    public int AuthenticationTimeout { get; init; } = DefaultAuthenticationTimeout;

    public bool SftpServerEnabled { get; init; }

    public ImmutableSortedDictionary<string, SshUser> Users { get; init; } =
        ImmutableSortedDictionary.Create<string, SshUser>(StringComparer.Ordinal);

    public const int DefaultAuthenticationRetries = 3;
    public const int DefaultAuthenticationTimeout = 60;
}
