namespace Emulator.Bench.Client;

/// <summary>What the benchmark client offers and how it logs in. It speaks exactly one suite, the one being measured.</summary>
public sealed record SshClientOptions
{
    public string UserName { get; init; } = "admin";

    public string Password { get; init; } = "admin";

    /// <summary>aes128-gcm@openssh.com or aes256-gcm@openssh.com.</summary>
    public string Cipher { get; init; } = "aes128-gcm@openssh.com";

    /// <summary>Check the server's Ed25519 signature over the exchange hash (a real client does; costs ~0.1 ms of client CPU).</summary>
    public bool VerifyHostKey { get; init; } = true;

    /// <summary>Send the userauth request without waiting for SERVICE_ACCEPT (one round trip less; RFC-legal, OpenSSH does not).</summary>
    public bool Pipeline { get; init; }

    public string Identification { get; init; } = "SSH-2.0-EmulatorBench_1.0";

    /// <summary>Whole-operation limit for one connect + login.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
