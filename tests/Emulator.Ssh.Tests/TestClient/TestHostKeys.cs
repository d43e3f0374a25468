using System.Collections.Concurrent;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>A host key provider with one key per type, generated once per test run (RSA/DSA generation is slow).</summary>
public sealed class TestHostKeys(params string[] keyTypes) : IHostKeyProvider
{
    private static readonly ConcurrentDictionary<string, Lazy<SshHostKey>> s_keys = new();

    public static readonly string[] AllTypes = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"];

    public static TestHostKeys All { get; } = new(AllTypes);

    public IReadOnlyCollection<string> KeyTypes { get; } = keyTypes;

    /// <summary>How often a key was asked for (lazy creation is the device layer's business; this proves we ask only on need).</summary>
    public int Requests => _requests;

    private int _requests;

    public ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (!KeyTypes.Contains(keyType))
        {
            throw new InvalidOperationException($"key type {keyType} was not offered");
        }

        return ValueTask.FromResult(Get(keyType));
    }

    public static SshHostKey Get(string keyType) =>
        s_keys.GetOrAdd(keyType, t => new Lazy<SshHostKey>(() => SshHostKey.Generate(t, t == "ssh-rsa" ? 2048 : null))).Value;
}
