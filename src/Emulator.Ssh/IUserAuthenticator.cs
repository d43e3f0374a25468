namespace Emulator.Ssh;

/// <summary>Credential checks, implemented by the device layer against its local user database.</summary>
public interface IUserAuthenticator
{
    /// <summary>Which methods this user must pass. Unknown users must get a plausible policy (no enumeration).</summary>
    ValueTask<AuthenticationPolicy> GetPolicyAsync(string userName, CancellationToken cancellationToken);

    ValueTask<bool> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="publicKeyBlob"/> (SSH wire format) may log in as the user. The SSH layer verifies the signature.</summary>
    ValueTask<bool> IsAuthorizedKeyAsync(string userName, ReadOnlyMemory<byte> publicKeyBlob, CancellationToken cancellationToken);
}

/// <summary>
/// What a user must present. <see cref="AnyOf"/>: one of these methods suffices (Comware <c>any</c>, <c>password</c>, <c>publickey</c>).
/// <see cref="AllOf"/>: every method is needed, answered with partial success in between (Comware <c>password-publickey</c>).
/// </summary>
public sealed record AuthenticationPolicy(IReadOnlyList<string> AnyOf, IReadOnlyList<string> AllOf)
{
    public static AuthenticationPolicy PasswordOrPublicKey { get; } =
        new(["publickey", "password", "keyboard-interactive"], []);
}
