using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Transport;

public class RekeyTests
{
    private static byte[] Data(int size)
    {
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        payload[0] = MessageNumbers.ChannelData;
        return payload;
    }

    /// <summary>The server side as the connection layer would run it: one loop reading and echoing.</summary>
    private static async Task EchoAsync(SshTransport server, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var payload = (await server.ReadPacketAsync(ct)).ToArray();
                await server.WritePacketAsync(payload, ct);
            }
        }
        catch (Exception e) when (e is SshDisconnectException or OperationCanceledException)
        {
        }
    }

    [Theory]
    [InlineData("curve25519-sha256", "chacha20-poly1305@openssh.com", "none")]
    [InlineData("diffie-hellman-group14-sha256", "aes128-ctr", "zlib")]
    public async Task Client_initiated_rekey_keeps_the_session(string kex, string cipher, string compression)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Kex = kex, Cipher = cipher, Compression = compression });
        var sessionId = harness.Server.SessionId.ToArray();
        var echo = EchoAsync(harness.Server, ct);
        for (var round = 0; round < 3; round++)
        {
            var payload = Data(5000);
            await harness.Client.WritePacketAsync(payload, ct);
            Assert.Equal(payload, await harness.Client.ReadMessageAsync(ct));
            await harness.Client.RekeyAsync(ct);
        }

        var last = Data(100);
        await harness.Client.WritePacketAsync(last, ct);
        Assert.Equal(last, await harness.Client.ReadMessageAsync(ct));
        Assert.Equal(4, harness.Client.KexCount);
        Assert.Equal(sessionId, harness.Server.SessionId.ToArray());
        await harness.Server.DisconnectAsync(DisconnectReason.ByApplication, "bye", ct);
        await echo;
    }

    [Fact]
    public async Task Server_rekeys_after_the_byte_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = TransportHarness.Settings(rekeyAfterBytes: 64 * 1024);
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions(), settings);
        var echo = EchoAsync(harness.Server, ct);
        for (var i = 0; i < 40; i++)
        {
            var payload = Data(4000);
            await harness.Client.WritePacketAsync(payload, ct);
            Assert.Equal(payload, await harness.Client.ReadMessageAsync(ct));
        }

        Assert.InRange(harness.Client.KexCount, 2, 4);
        await harness.Server.DisconnectAsync(DisconnectReason.ByApplication, "bye", ct);
        await echo;
    }

    [Fact]
    public async Task Server_rekeys_after_the_time_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var settings = TransportHarness.Settings(time: time, rekeyAfterTime: TimeSpan.FromMinutes(10));
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions(), settings);
        var echo = EchoAsync(harness.Server, ct);
        time.Advance(TimeSpan.FromMinutes(11));
        var payload = Data(10);
        await harness.Client.WritePacketAsync(payload, ct);
        Assert.Equal(payload, await harness.Client.ReadMessageAsync(ct));
        Assert.Equal(2, harness.Client.KexCount);
        time.Advance(TimeSpan.FromMinutes(11));
        await harness.Client.WritePacketAsync(payload, ct);
        Assert.Equal(payload, await harness.Client.ReadMessageAsync(ct));
        Assert.Equal(3, harness.Client.KexCount);
        await harness.Server.DisconnectAsync(DisconnectReason.ByApplication, "bye", ct);
        await echo;
    }

    [Fact]
    public async Task Writes_during_a_rekey_are_held_and_sent_in_order_afterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var settings = TransportHarness.Settings(time: time, rekeyAfterTime: TimeSpan.FromMinutes(10), maxQueued: 16 * 1024);
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions(), settings);
        var reading = harness.Server.ReadPacketAsync(ct).AsTask();
        time.Advance(TimeSpan.FromMinutes(11));
        // Server KEXINIT is out; the client has not answered, so data is held: first within the bound, then writers wait.
        var writes = Enumerable.Range(0, 10).Select(i => Data(4000)).ToList();
        var writeTask = Task.Run(async () =>
        {
            foreach (var w in writes)
            {
                await harness.Server.WritePacketAsync(w, ct);
            }
        }, ct);
        await Task.Delay(200, ct);
        Assert.False(writeTask.IsCompleted, "writers beyond the bound must wait for the key exchange");
        foreach (var expected in writes)
        {
            Assert.Equal(expected, await harness.Client.ReadMessageAsync(ct));
        }

        await writeTask;
        Assert.Equal(2, harness.Client.KexCount);
        await harness.Client.WritePacketAsync(Data(3), ct);
        Assert.Equal(3, (await reading).Length);
    }

    [Fact]
    public async Task Upper_layer_messages_sent_during_a_rekey_are_delivered_after_it_in_order()
    {
        // SSH.NET sends channel data from one thread while another answers a server KEXINIT (RFC 4253 7.1 says it
        // must not); OpenSSH keeps such messages, and so do we.
        var ct = TestContext.Current.CancellationToken;
        var options = new TestClientOptions
        {
            AfterRekeyKexInit = async client =>
            {
                await client.WritePacketAsync(Data(20), ct);
                await client.WritePacketAsync(Data(30), ct);
            },
        };
        await using var harness = await TransportHarness.StartAsync(options);
        var reading = harness.Server.ReadPacketAsync(ct).AsTask();
        await harness.Client.RekeyAsync(ct);

        Assert.Equal(20, (await reading).Length);
        Assert.Equal(30, (await harness.Server.ReadPacketAsync(ct)).Length);
        Assert.Equal(2, harness.Client.KexCount);
        await harness.Client.WritePacketAsync(Data(40), ct);
        Assert.Equal(40, (await harness.Server.ReadPacketAsync(ct)).Length);
    }

    [Fact]
    public async Task Messages_kept_during_a_rekey_are_bounded()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new TestClientOptions
        {
            AfterRekeyKexInit = async client =>
            {
                for (var i = 0; i < 8; i++)
                {
                    await client.WritePacketAsync(Data(4000), ct);
                }
            },
        };
        await using var harness = await TransportHarness.StartAsync(options, TransportHarness.Settings(maxQueued: 16 * 1024));
        var reading = harness.Server.ReadPacketAsync(ct).AsTask();
        // The client waits for a KEXDH_REPLY that never comes; disposing the harness ends it.
        _ = harness.Client.RekeyAsync(ct);

        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => reading);
        Assert.Contains("too much data sent during key exchange", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Newkeys_outside_a_key_exchange_is_a_protocol_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions());
        await harness.Client.WritePacketAsync(new byte[] { MessageNumbers.NewKeys }, ct);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => harness.Server.ReadPacketAsync(ct).AsTask());
        Assert.Equal(DisconnectReason.ProtocolError, error.Reason);
    }

    [Fact]
    public async Task Generic_messages_are_consumed_by_the_transport()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions());
        await harness.Client.SendAsync(MessageNumbers.Ignore, w => w.WriteString("padding"), ct);
        await harness.Client.SendAsync(MessageNumbers.Debug, w => { w.WriteBoolean(true); w.WriteString("hello"); w.WriteString(""); }, ct);
        await harness.Client.SendAsync(MessageNumbers.Unimplemented, w => w.WriteUInt32(7), ct);
        await harness.Client.SendAsync(MessageNumbers.ServiceRequest, w => w.WriteString("ssh-userauth"), ct);
        Assert.Equal(MessageNumbers.ServiceRequest, (await harness.Server.ReadPacketAsync(ct)).Span[0]);
        await harness.Client.SendAsync(MessageNumbers.Disconnect, w => { w.WriteUInt32(11); w.WriteString("bye"); w.WriteString(""); }, ct);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => harness.Server.ReadPacketAsync(ct).AsTask());
        Assert.Equal(DisconnectReason.ByApplication, error.Reason);
        Assert.Contains("bye", error.Message, StringComparison.Ordinal);
    }
}
