using System.Collections.Concurrent;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>A user database for tests: passwords, authorized keys and policies by user name.</summary>
internal sealed class TestUsers : IUserAuthenticator
{
    private readonly ConcurrentDictionary<string, string> _passwords = new();
    private readonly ConcurrentDictionary<string, List<byte[]>> _keys = new();
    private readonly ConcurrentDictionary<string, AuthenticationPolicy> _policies = new();

    /// <summary>Every password check, in order: (user, password).</summary>
    public ConcurrentQueue<(string User, string Password)> PasswordChecks { get; } = new();

    public TestUsers AddPassword(string user, string password)
    {
        _passwords[user] = password;
        return this;
    }

    public TestUsers AddKey(string user, byte[] publicKeyBlob)
    {
        _keys.GetOrAdd(user, _ => []).Add(publicKeyBlob);
        return this;
    }

    public TestUsers SetPolicy(string user, AuthenticationPolicy policy)
    {
        _policies[user] = policy;
        return this;
    }

    public ValueTask<AuthenticationPolicy> GetPolicyAsync(string userName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_policies.GetValueOrDefault(userName, AuthenticationPolicy.PasswordOrPublicKey));

    public ValueTask<bool> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        PasswordChecks.Enqueue((userName, password));
        return ValueTask.FromResult(_passwords.TryGetValue(userName, out var expected) && expected == password);
    }

    public ValueTask<bool> IsAuthorizedKeyAsync(string userName, ReadOnlyMemory<byte> publicKeyBlob, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.TryGetValue(userName, out var keys) && keys.Exists(k => k.AsSpan().SequenceEqual(publicKeyBlob.Span)));
}
