namespace Emulator.Comware.Auth;

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
