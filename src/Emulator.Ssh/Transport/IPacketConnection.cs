namespace Emulator.Ssh.Transport;

/// <summary>
/// The transport as the layers above it see it (userauth and connection): encrypted, keyed payloads.
/// Version exchange, KEXINIT/NEWKEYS, rekeying, IGNORE/DEBUG/UNIMPLEMENTED/EXT_INFO and DISCONNECT handling stay below.
/// Every other message number reaches the layer above, which answers numbers it does not implement with
/// <see cref="SendUnimplementedAsync"/>. In-memory test doubles implement it without crypto.
/// The real implementation is <see cref="SshTransport"/> (<c>SshTransport.AcceptAsync</c>).
/// </summary>
internal interface IPacketConnection : IAsyncDisposable
{
    /// <summary>H of the first key exchange.</summary>
    ReadOnlyMemory<byte> SessionId { get; }

    /// <summary>Next payload (byte 0 is the message number). Valid until the next call. Throws <see cref="SshDisconnectException"/> on peer disconnect or protocol error.</summary>
    ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ReadPacketAsync"/>, except for the peer's usual goodbye (SSH_MSG_DISCONNECT, or closing the
    /// connection between packets): that returns an empty payload and sets <see cref="PeerGoodbye"/>, because ending
    /// every session with an exception thrown up through each async frame is a measurable part of a short connection's
    /// cost. Protocol errors still throw.
    /// </summary>
    ValueTask<ReadOnlyMemory<byte>> ReadPacketOrEndAsync(CancellationToken cancellationToken) => ReadPacketAsync(cancellationToken);

    /// <summary>How the peer ended the connection, once <see cref="ReadPacketOrEndAsync"/> returned an empty payload.</summary>
    string? PeerGoodbye => null;

    /// <summary>
    /// Lets go of per-connection state that can be rebuilt and that no packet used since the previous call (the
    /// ciphers' native contexts, see <see cref="Crypto.IPacketCipher.ReleaseIfIdle"/>). Called periodically from
    /// another thread; never blocks. Returns how many pieces were released.
    /// </summary>
    int ReleaseIdleState() => 0;

    /// <summary>Sends a payload. Safe to call from several channels at once; held back (bounded) during a key re-exchange.</summary>
    ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="WritePacketAsync"/>, but the packet may wait for the next write so that both leave in one TCP
    /// segment. Only for a packet another write is certain to follow at once (exit-status and EOF before CLOSE).
    /// </summary>
    ValueTask WritePacketBeforeAnotherAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WritePacketAsync(payload, cancellationToken);

    /// <summary>
    /// Waits while a key re-exchange holds as much channel data as it may queue. Channel senders call it before
    /// taking any lock of their own, so that no lock the reading loop needs is held while the exchange is pending
    /// (the exchange can only end when that loop reads the client's messages).
    /// </summary>
    ValueTask WaitForSendRoomAsync(CancellationToken cancellationToken);

    /// <summary>Answers the packet last returned by <see cref="ReadPacketAsync"/> with SSH_MSG_UNIMPLEMENTED (RFC 4253 11.4).</summary>
    ValueTask SendUnimplementedAsync(CancellationToken cancellationToken);

    /// <summary>Called once user authentication succeeds, after USERAUTH_SUCCESS was written and before the next read
    /// (starts delayed zlib@openssh.com compression).</summary>
    void OnAuthenticated();

    /// <summary>Sends SSH_MSG_DISCONNECT with the reason and closes the sending side; a pending read ends.
    /// Does nothing when already closed, so it is safe to call after any error (also a peer's DISCONNECT).</summary>
    ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken);
}

/// <summary>RFC 4253 11.1 reason codes.</summary>
public enum DisconnectReason
{
    HostNotAllowedToConnect = 1,
    ProtocolError = 2,
    KeyExchangeFailed = 3,
    Reserved = 4,
    MacError = 5,
    CompressionError = 6,
    ServiceNotAvailable = 7,
    ProtocolVersionNotSupported = 8,
    HostKeyNotVerifiable = 9,
    ConnectionLost = 10,
    ByApplication = 11,
    TooManyConnections = 12,
    AuthCancelledByUser = 13,
    NoMoreAuthMethodsAvailable = 14,
    IllegalUserName = 15,
}

/// <summary>A connection ends: either side disconnected, or a protocol rule was broken.</summary>
public sealed class SshDisconnectException : Exception
{
    public SshDisconnectException(DisconnectReason reason, string message) : base(message) => Reason = reason;

    public SshDisconnectException() : this(DisconnectReason.ConnectionLost, "connection lost") { }

    public SshDisconnectException(string message) : this(DisconnectReason.ProtocolError, message) { }

    public SshDisconnectException(string message, Exception innerException) : base(message, innerException) =>
        Reason = DisconnectReason.ProtocolError;

    public SshDisconnectException(DisconnectReason reason, string message, Exception innerException) : base(message, innerException) =>
        Reason = reason;

    public DisconnectReason Reason { get; }

    /// <summary>The peer ended the connection (SSH_MSG_DISCONNECT or a clean close): routine, nothing to answer.</summary>
    public bool ByPeer { get; init; }
}
