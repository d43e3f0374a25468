namespace Emulator.Ssh;

/// <summary>
/// Supplies a server's host keys. The device layer implements it and persists keys; the SSH layer asks
/// only for the key type it negotiated, so keys can be created (or loaded) lazily on first need.
/// </summary>
public interface IHostKeyProvider
{
    /// <summary>Key types this server has or may create, e.g. <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>, <c>ssh-dss</c>.
    /// A host-key algorithm is offered only when its key type is listed (rsa-sha2-256/512 need <c>ssh-rsa</c>).</summary>
    IReadOnlyCollection<string> KeyTypes { get; }

    /// <summary>The key of that type, created and persisted on first call if needed.</summary>
    ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken);
}
