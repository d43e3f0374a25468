using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Ssh.Transport;

/// <summary>What the transport layer takes from <see cref="SshServerOptions"/>.</summary>
internal sealed record TransportSettings(
    string IdentificationString,
    SshAlgorithmLists Algorithms,
    IHostKeyProvider HostKeys,
    long RekeyAfterBytes,
    TimeSpan RekeyAfterTime,
    int MaxQueuedBytesDuringRekey,
    TimeProvider TimeProvider,
    ILogger Logger)
{
    /// <summary>Public key algorithms accepted for user authentication, sent as server-sig-algs (RFC 8308 3.1).</summary>
    public IReadOnlyList<string> ServerSignatureAlgorithms { get; init; } =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"];

    /// <summary>Counts completed handshakes; null counts nothing.</summary>
    public SshMetrics? Metrics { get; init; }

    /// <summary>Smallest group diffie-hellman-group-exchange may choose.</summary>
    public int MinimumGroupExchangeBits { get; init; } = 1024;

    /// <summary>Our KEXINIT lists, encoded once per option set (and host key set).</summary>
    internal KexInitTemplates KexInitTemplates { get; } = new();

    /// <summary>Key exchanges allowed before <see cref="IPacketConnection.OnAuthenticated"/>, the first included.</summary>
    public int MaxKeyExchangesBeforeAuthentication { get; init; } = int.MaxValue;

    public static TransportSettings From(SshServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TransportSettings(
            options.IdentificationString,
            options.Algorithms,
            options.HostKeys,
            options.RekeyAfterBytes,
            options.RekeyAfterTime,
            options.MaxQueuedBytesDuringRekey,
            options.TimeProvider,
            options.LoggerFactory?.CreateLogger("Emulator.Ssh.Transport") ?? NullLogger.Instance)
        {
            MaxKeyExchangesBeforeAuthentication = options.MaxKeyExchangesBeforeAuthentication,
            Metrics = options.Metrics,
            MinimumGroupExchangeBits = options.MinimumGroupExchangeBits,
            ServerSignatureAlgorithms = options.UserSignatureAlgorithms,
        };
    }
}
