using Emulator.Ssh.Kex;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Tests.Transport;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>
/// Issue 20's pre-auth exceptions: input that used to escape as a .NET exception (no DISCONNECT, an Error with a stack
/// in the log) must end the connection with a DISCONNECT and the right reason code, and release the transport.
/// </summary>
public class PreAuthExceptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] _x25519Public = X25519Public();

    private static byte[] X25519Public()
    {
        var pub = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), 0, pub, 0);
        return pub;
    }

    /// <summary>Reads until a DISCONNECT; returns its reason and text.</summary>
    private static async Task<(DisconnectReason Reason, string Text)> ReadDisconnectAsync(RawClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var payload = (await client.Packets.ReadAsync(timeout.Token)).ToArray();
            if (payload[0] == MessageNumbers.Disconnect)
            {
                var reader = new SshReader(payload.AsSpan(1));
                return ((DisconnectReason)reader.ReadUInt32(), reader.ReadUtf8String());
            }
        }
    }

    /// <summary>After the DISCONNECT the server must close its side: the next read ends the stream.</summary>
    private static async Task AssertClosedAsync(RawClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<SshDisconnectException>(async () => await client.Packets.ReadAsync(timeout.Token));
        Assert.Equal(DisconnectReason.ConnectionLost, error.Reason);
    }

    [Fact]
    public async Task Negative_mpint_in_KEXDH_INIT_disconnects_with_key_exchange_failed()
    {
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), Ct);
        var client = await RawClient.ConnectAsync(clientPipe, Ct);
        var kexInit = KexInitMessage.Create(["diffie-hellman-group14-sha256"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]);
        await client.Packets.WriteAsync(kexInit.Payload, Ct);
        await client.Packets.WriteAsync(new byte[] { MessageNumbers.KexDhInit, 0, 0, 0, 2, 0x80, 0x01 }, Ct);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, (await ReadDisconnectAsync(client)).Reason);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => serverTask);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, error.Reason);
        await AssertClosedAsync(client);
    }

    [Fact]
    public async Task Client_listing_kex_strict_s_first_negotiates_a_real_method()
    {
        // The server's own strict-KEX marker, listed first by a client, is not a method (it was looked up and threw
        // KeyNotFoundException): the next common name is agreed.
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), Ct);
        var client = await RawClient.ConnectAsync(clientPipe, Ct);
        var kexInit = KexInitMessage.Create([KexTable.StrictKexServer, "curve25519-sha256"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]);
        await client.Packets.WriteAsync(kexInit.Payload, Ct);
        await client.Packets.WriteAsync(new byte[] { MessageNumbers.KexDhInit, 0, 0, 0, 32 }.Concat(_x25519Public).ToArray(), Ct);
        Assert.Equal(MessageNumbers.KexInit, (await client.Packets.ReadAsync(Ct)).Span[0]);
        Assert.Equal(MessageNumbers.KexDhReply, (await client.Packets.ReadAsync(Ct)).Span[0]);
        Assert.Equal(MessageNumbers.NewKeys, (await client.Packets.ReadAsync(Ct)).Span[0]);
        await client.Packets.DisposeAsync();
        await Assert.ThrowsAsync<SshDisconnectException>(() => serverTask);
    }

    [Fact]
    public void Only_pseudo_algorithms_in_common_fail_the_negotiation_cleanly()
    {
        var client = KexInitMessage.Create([KexTable.StrictKexServer, KexTable.ExtInfoClient], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]);
        var server = KexInitMessage.Create(["curve25519-sha256", KexTable.StrictKexServer], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]);
        var error = Assert.Throws<SshDisconnectException>(() => AlgorithmNegotiation.Negotiate(client, server, _ => false));
        Assert.Equal(DisconnectReason.KeyExchangeFailed, error.Reason);
    }

    [Fact]
    public async Task Zlib_packet_inflating_to_zero_bytes_disconnects_with_protocol_error()
    {
        await HostileClient.AttackAsync(async (_, client) =>
        {
            // A bare sync flush: valid zlib that inflates to nothing, so the payload has no message number.
            await client.WritePacketAsync(ReadOnlyMemory<byte>.Empty, Ct);
            Assert.Equal(DisconnectReason.ProtocolError, await HostileClient.ExpectDisconnectAsync(client));
        }, options: new TestClientOptions { Compression = "zlib" });
    }

    /// <summary>A KEXINIT whose kex list matches nothing and is so long that quoting it overflows any packet.</summary>
    private static byte[] HugeUnmatchedKexInit()
    {
        var names = Enumerable.Range(0, 13_080).Select(i => $"n{i:d6}@example.com").ToList();
        var payload = KexInitMessage.Create(names, ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"]).Payload;
        Assert.InRange(payload.Length, SshPacketStream.MaxPayloadLength + 200, SshPacketStream.MaxPacketLength - 64);
        return payload;
    }

    [Fact]
    public async Task Kexinit_with_no_match_keeps_the_whole_client_list_out_of_the_log_and_the_disconnect()
    {
        var logs = new CapturingLoggerFactory();
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            LoggerFactory = logs,
        });
        using var tcp = await server.ConnectTcpAsync();
        var client = await RawClient.ConnectAsync(tcp, Ct);
        // Not awaited first: the server may close its input before the flush of this packet completes.
        var sending = client.Packets.WriteRawAsync(HostileClient.CleartextPacket(HugeUnmatchedKexInit()), Ct).AsTask();
        var (reason, text) = await ReadDisconnectAsync(client);
        await Record.ExceptionAsync(() => sending);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, reason);
        Assert.InRange(text.Length, 1, 2 * AlgorithmNegotiation.MaxListTextLength);
        Assert.Contains("13080 names", text, StringComparison.Ordinal);
        await AssertClosedAsync(client);
        for (var i = 0; i < 100 && server.Server.ConnectionCount > 0; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Contains(logs.Lines, line => line.Contains("no matching key exchange", StringComparison.Ordinal));
        Assert.All(logs.Lines, line => Assert.True(line.Length < 4096, $"log line of {line.Length} chars"));
    }

    [Fact]
    public async Task Disconnect_text_above_261120_bytes_still_disposes_the_transport()
    {
        // Before the cap, the DISCONNECT quoting a 256 KiB list exceeded the largest payload, its write threw, and
        // the transport's dispose was skipped: no DISCONNECT, and the connection's pipes were never completed.
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), Ct);
        var client = await RawClient.ConnectAsync(clientPipe, Ct);
        // Not awaited first: the server may close its input before the flush of this packet completes.
        var sending = client.Packets.WriteRawAsync(HostileClient.CleartextPacket(HugeUnmatchedKexInit()), Ct).AsTask();
        var (reason, text) = await ReadDisconnectAsync(client);
        await Record.ExceptionAsync(() => sending);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, reason);
        Assert.True(text.Length <= Messages.DisconnectMessage.MaxDescriptionLength + 3);
        await AssertClosedAsync(client);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => serverTask);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, error.Reason);
    }
}
