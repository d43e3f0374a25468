using System.Collections.Immutable;

namespace Emulator.Comware.Model.Management;

/// <summary>How an SSH user must authenticate (<c>ssh user … authentication-type</c>).</summary>
public enum SshAuthenticationType
{
    Password,
    PublicKey,
    PasswordPublicKey,
    Any,
}

public static class SshAuthenticationTypes
{
    public static string Keyword(SshAuthenticationType type) => type switch
    {
        SshAuthenticationType.Password => "password",
        SshAuthenticationType.PublicKey => "publickey",
        SshAuthenticationType.PasswordPublicKey => "password-publickey",
        _ => "any",
    };

    public static SshAuthenticationType? Parse(string keyword) => keyword.ToLowerInvariant() switch
    {
        "password" => SshAuthenticationType.Password,
        "publickey" => SshAuthenticationType.PublicKey,
        "password-publickey" => SshAuthenticationType.PasswordPublicKey,
        "any" => SshAuthenticationType.Any,
        _ => null,
    };
}

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
