using Microsoft.Extensions.Logging;

namespace Emulator.Ssh;

/// <summary>
/// Everything one SSH server (one emulated device) needs. Immutable: a device that changes a setting
/// (for example <c>ssh server authentication-retries</c>) builds a new instance; connections take a
/// snapshot when they start.
/// </summary>
public sealed class SshServerOptions
{
    /// <summary>Identification line sent first, without CR LF, e.g. <c>SSH-2.0-Comware-7.1.064</c> or <c>SSH-1.99-Comware-5.20</c>.</summary>
    public string IdentificationString { get; init; } = "SSH-2.0-Comware-7.1.064";

    /// <summary>Algorithm lists offered in KEXINIT, in preference order.</summary>
    public SshAlgorithmLists Algorithms { get; init; } = SshAlgorithmLists.Default;

    public required IHostKeyProvider HostKeys { get; init; }

    public required IUserAuthenticator Authenticator { get; init; }

    public required ISessionHandler Sessions { get; init; }

    /// <summary>Where connections, handshakes and authentications are counted; null counts nothing.</summary>
    public SshMetrics? Metrics { get; init; }

    /// <summary>Text of SSH_MSG_USERAUTH_BANNER, or null to send none.</summary>
    public string? AuthenticationBanner { get; init; }

    /// <summary>
    /// Methods named in every USERAUTH_FAILURE until a user has partial success: one list for the whole server, as
    /// OpenSSH's AuthenticationMethods, because a per-user list tells unknown users from known ones (and publickey-only
    /// users from password users). Each user's <see cref="AuthenticationPolicy"/> still decides what succeeds.
    /// </summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = ["publickey", "password", "keyboard-interactive"];

    /// <summary>
    /// Public key algorithms accepted in user authentication, also sent as server-sig-algs (RFC 8308 3.1). A strict
    /// policy drops "ssh-rsa" (SHA-1) and "ssh-dss" here; the default accepts what old device clients use.
    /// </summary>
    public IReadOnlyList<string> UserSignatureAlgorithms { get; init; } =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"];

    /// <summary>
    /// Smallest prime diffie-hellman-group-exchange offers (RFC 4419 allows 1024; OpenSSH's server has refused less than
    /// 2048 since 7.0). A request that only fits smaller groups fails the key exchange.
    /// </summary>
    public int MinimumGroupExchangeBits { get; init; } = 1024;

    /// <summary>Failed authentication attempts before the connection is closed.</summary>
    public int MaxAuthenticationAttempts { get; init; } = 3;

    /// <summary>
    /// Connections accepted but not yet authenticated, per server (OpenSSH MaxStartups). A newcomer is never refused:
    /// when all are taken, the oldest one still in key exchange is dropped, else the oldest unauthenticated one.
    /// </summary>
    public int MaxUnauthenticatedConnections { get; init; } = 64;

    /// <summary>
    /// Unauthenticated connections one source address may hold (OpenSSH PerSourceMaxStartups); a newcomer from a source
    /// at the limit takes the slot of that source's oldest (still in key exchange first). Zero or less: no limit.
    /// </summary>
    public int MaxUnauthenticatedConnectionsPerSource { get; init; } = 32;

    /// <summary>A bound on unauthenticated connections shared with other servers (a fleet's devices), on top of this
    /// server's own; null for none.</summary>
    public UnauthenticatedConnectionLimit? SharedUnauthenticatedLimit { get; init; }

    /// <summary>Key exchanges a connection may run before it authenticates (the first one included): each costs the
    /// server modular exponentiations and a host-key signature, so a client may not repeat them for free.</summary>
    public int MaxKeyExchangesBeforeAuthentication { get; init; } = 2;

    /// <summary>Time from TCP accept to successful authentication before disconnect.</summary>
    public TimeSpan LoginGraceTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay before answering a failed password or keyboard-interactive attempt.</summary>
    public TimeSpan AuthenticationFailureDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Close an authenticated connection with no traffic for this long; zero means never.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Start a key re-exchange after this many bytes in either direction.</summary>
    public long RekeyAfterBytes { get; init; } = 1L << 30;

    /// <summary>Start a key re-exchange after this much time.</summary>
    public TimeSpan RekeyAfterTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound on application data queued while a key re-exchange is in progress.</summary>
    public int MaxQueuedBytesDuringRekey { get; init; } = 4 << 20;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }

    private Transport.TransportSettings? _transportSettings;
    private ILogger? _serverLogger;

    /// <summary>What the transport takes from these options, made once (the options are immutable) rather than per connection.</summary>
    internal Transport.TransportSettings TransportSettings => _transportSettings ??= Transport.TransportSettings.From(this);

    /// <summary>The server's logger, made once rather than per connection.</summary>
    internal ILogger ServerLogger => _serverLogger ??= (LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<SshServer>();
}
