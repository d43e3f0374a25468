using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Bench.Client;

/// <summary>
/// A purpose-built SSH client connection: curve25519-sha256, ssh-ed25519, AES-GCM, password authentication.
/// It offers only what is being measured, so a server that negotiates anything else fails loudly.
/// One logical operation at a time (no concurrent reads); that is all a load generator needs.
/// </summary>
public sealed partial class SshClientConnection : IAsyncDisposable
{
    private static readonly string[] s_kex = ["curve25519-sha256", "curve25519-sha256@libssh.org"];

    private readonly Socket _socket;
    private readonly PacketStream _packets;
    private readonly SshClientOptions _options;
    private readonly WireWriter _writer = new();
    private uint _nextChannelId;
    private bool _disposed;

    private SshClientConnection(Socket socket, SshClientOptions options)
    {
        _socket = socket;
        _options = options;
        _packets = new PacketStream(socket);
    }

    public string ServerIdentification { get; private set; } = "";

    public long BytesReceived => _packets.BytesReceived;

    /// <summary>TCP connect, version exchange, key exchange and password authentication.</summary>
    public static async Task<SshClientConnection> ConnectAsync(EndPoint endPoint, SshClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(options);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new SshClientConnection(socket, options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token);
            await connection.HandshakeAsync(timeout.Token);
            await connection.AuthenticateAsync(timeout.Token);
            return connection;
        }
        catch (Exception ex)
        {
            connection.Abort();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new SshClientException($"login did not finish within {options.ConnectTimeout.TotalSeconds:0} s", ex);
            }

            if (ex is SocketException socketError)
            {
                throw new SshClientException($"socket: {socketError.SocketErrorCode}", ex);
            }

            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var cookie = new byte[16];
        RandomNumberGenerator.Fill(cookie);
        string macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-256";
        var clientKexInit = new WireWriter(512)
            .Byte(Msg.KexInit).Raw(cookie)
            .String(string.Join(',', s_kex)).String("ssh-ed25519")
            .String(_options.Cipher).String(_options.Cipher)
            .String(macs).String(macs)
            .String("none").String("none").String("").String("")
            .Bool(false).UInt32(0).Written.ToArray();

        // Our identification and KEXINIT go out together: the server's KEXINIT does not depend on ours.
        _packets.QueueRaw(Encoding.ASCII.GetBytes(_options.Identification + "\r\n"));
        _packets.Queue(clientKexInit);
        await _packets.FlushAsync(cancellationToken);

        ServerIdentification = await _packets.ReadIdentificationAsync(cancellationToken);
        if (!ServerIdentification.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !ServerIdentification.StartsWith("SSH-1.99-", StringComparison.Ordinal))
        {
            throw new SshClientException($"unsupported server version '{ServerIdentification}'");
        }

        var serverKexInit = (await ReadTransportAsync(cancellationToken)).ToArray();
        if (serverKexInit[0] != Msg.KexInit)
        {
            throw new SshClientException($"expected KEXINIT, got message {serverKexInit[0]}");
        }

        CheckServerOffers(serverKexInit);

        var kex = new KeyExchange();
        _packets.Queue(_writer.Reset().Byte(Msg.KexEcdhInit).String(kex.PublicKey).Written);
        await _packets.FlushAsync(cancellationToken);

        var reply = await ReadTransportAsync(cancellationToken);
        var (secret, hash) = kex.Complete(_options.Identification, ServerIdentification, clientKexInit, serverKexInit, reply.Span, _options.VerifyHostKey);

        int keyLength = _options.Cipher.StartsWith("aes256", StringComparison.Ordinal) ? 32 : 16;
        _packets.Queue([Msg.NewKeys]);
        _packets.SetSendCipher(new AesGcmCipher(
            KeyExchange.DeriveKey(secret, hash, 'C', hash, keyLength), KeyExchange.DeriveKey(secret, hash, 'A', hash, 12)));
        var receiveCipher = new AesGcmCipher(
            KeyExchange.DeriveKey(secret, hash, 'D', hash, keyLength), KeyExchange.DeriveKey(secret, hash, 'B', hash, 12));

        // NEWKEYS and the service request share one write; the request is already under the new keys.
        _packets.Queue(_writer.Reset().Byte(Msg.ServiceRequest).String("ssh-userauth").Written);
        if (_options.Pipeline)
        {
            QueuePasswordRequest();
        }

        await _packets.FlushAsync(cancellationToken);

        var newKeys = await ReadTransportAsync(cancellationToken);
        if (newKeys.Span[0] != Msg.NewKeys)
        {
            receiveCipher.Dispose();
            throw new SshClientException($"expected NEWKEYS, got message {newKeys.Span[0]}");
        }

        _packets.SetReceiveCipher(receiveCipher);
    }

    private void CheckServerOffers(ReadOnlySpan<byte> serverKexInit)
    {
        var reader = new WireReader(serverKexInit[17..]);
        string[] kex = reader.Utf8().Split(',');
        string[] hostKeys = reader.Utf8().Split(',');
        string[] ciphersC2S = reader.Utf8().Split(',');
        string[] ciphersS2C = reader.Utf8().Split(',');
        if (!s_kex.Any(kex.Contains))
        {
            throw new SshClientException($"server offers no curve25519-sha256 (offers {string.Join(',', kex)})");
        }

        if (!hostKeys.Contains("ssh-ed25519"))
        {
            throw new SshClientException($"server offers no ssh-ed25519 host key (offers {string.Join(',', hostKeys)})");
        }

        if (!ciphersC2S.Contains(_options.Cipher) || !ciphersS2C.Contains(_options.Cipher))
        {
            throw new SshClientException($"server does not offer {_options.Cipher}");
        }
    }

    private void QueuePasswordRequest() =>
        _packets.Queue(_writer.Reset().Byte(Msg.UserAuthRequest)
            .String(_options.UserName).String("ssh-connection").String("password").Bool(false).String(_options.Password).Written);

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var accept = await ReadTransportAsync(cancellationToken);
        if (accept.Span[0] != Msg.ServiceAccept)
        {
            throw new SshClientException($"expected SERVICE_ACCEPT, got message {accept.Span[0]}");
        }

        if (!_options.Pipeline)
        {
            QueuePasswordRequest();
            await _packets.FlushAsync(cancellationToken);
        }

        while (true)
        {
            var message = await ReadTransportAsync(cancellationToken);
            switch (message.Span[0])
            {
                case Msg.UserAuthSuccess:
                    return;
                case Msg.UserAuthBanner:
                    continue;
                case Msg.UserAuthFailure:
                    throw new SshClientException($"password authentication failed for '{_options.UserName}'");
                default:
                    throw new SshClientException($"unexpected message {message.Span[0]} during authentication");
            }
        }
    }

    /// <summary>Next message that is not transport noise (IGNORE, DEBUG, EXT_INFO); DISCONNECT becomes an exception.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadTransportAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _packets.ReadPacketAsync(cancellationToken);
            if (payload.Length == 0)
            {
                throw new SshClientException("empty packet from server");
            }

            switch (payload.Span[0])
            {
                case Msg.Ignore or Msg.Debug or Msg.ExtInfo or Msg.Unimplemented:
                    continue;
                case Msg.Disconnect:
                    var reader = new WireReader(payload.Span[1..]);
                    uint reason = reader.UInt32();
                    string text = reader.Remaining >= 4 ? reader.Utf8() : "";
                    throw new SshClientException($"server disconnected (reason {reason}: {text})");
                default:
                    return payload;
            }
        }
    }

    /// <summary>Closes the socket without a goodbye (used on errors).</summary>
    private void Abort()
    {
        _disposed = true;
        _packets.Dispose();
        _socket.Dispose();
    }

    /// <summary>Sends DISCONNECT (by application) and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _packets.Queue(_writer.Reset().Byte(Msg.Disconnect).UInt32(11).String("bye").String("").Written);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _packets.FlushAsync(timeout.Token);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or SshClientException or OperationCanceledException or ObjectDisposedException)
        {
            // The server may already have closed its end; the goodbye is a courtesy.
        }
        finally
        {
            _packets.Dispose();
            _socket.Dispose();
        }
    }
}
