using System.Buffers.Binary;
using System.Text;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Tests.Hostile;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Crypto;

/// <summary>
/// Issue 15, sessions: an idle connection lets its ciphers' native contexts go (about 1.5 KB each, two per
/// connection) and rebuilds them from the key on the next packet, with no change on the wire.
/// </summary>
public class IdleCipherReleaseTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Iv = Convert.FromHexString("000000010000000000000002");

    private static byte[] Packet(byte fill)
    {
        var packet = new byte[4 + 16 + 16];
        BinaryPrimitives.WriteUInt32BigEndian(packet, 16);
        packet.AsSpan(4, 16).Fill(fill);
        return packet;
    }

    private static AesGcmCipher Cipher(bool openSsl) => new(Key, Iv, openSsl ? OpenSslAesGcm.Instance : null);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_context_goes_only_when_no_packet_used_it_since_the_previous_sweep(bool openSsl)
    {
        using var cipher = Cipher(openSsl);
        cipher.Seal(0, Packet(1));
        Assert.False(cipher.ReleaseIfIdle()); // used since the last sweep: kept, and now marked unused
        Assert.True(cipher.ReleaseIfIdle());
        Assert.False(cipher.ReleaseIfIdle()); // nothing left to release
        cipher.Seal(1, Packet(2));
        Assert.False(cipher.ReleaseIfIdle());
        Assert.True(cipher.ReleaseIfIdle());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Packets_after_a_release_are_sealed_and_opened_exactly_as_without_one(bool openSsl)
    {
        using var steady = Cipher(openSsl);
        using var released = Cipher(openSsl);
        using var opener = Cipher(!openSsl);
        for (byte i = 0; i < 4; i++)
        {
            var expected = Packet(i);
            steady.Seal(i, expected);
            released.ReleaseIfIdle();
            released.ReleaseIfIdle();
            var actual = Packet(i);
            released.Seal(i, actual);
            Assert.Equal(expected, actual);

            opener.ReleaseIfIdle();
            opener.ReleaseIfIdle();
            opener.Open(i, actual);
            Assert.Equal(Packet(i)[..20], actual[..20]);
        }
    }

    [Fact]
    public void A_disposed_cipher_refuses_packets_and_a_late_sweep_does_nothing()
    {
        var cipher = new AesGcmCipher(Key, Iv);
        cipher.Dispose();
        Assert.False(cipher.ReleaseIfIdle());
        Assert.Throws<ObjectDisposedException>(() => cipher.Seal(0, Packet(0)));
        Assert.False(cipher.ReleaseIfIdle());
    }

    [Fact]
    public async Task Sweeps_racing_the_packets_never_change_or_break_them()
    {
        const int packets = 20_000;
        using var steady = new AesGcmCipher(Key, Iv);
        using var swept = new AesGcmCipher(Key, Iv);
        var sweeping = true;
        var sweeper = Task.Run(() =>
        {
            while (Volatile.Read(ref sweeping))
            {
                swept.ReleaseIfIdle();
            }
        }, TestContext.Current.CancellationToken);
        try
        {
            for (var i = 0; i < packets; i++)
            {
                var expected = Packet((byte)i);
                steady.Seal((uint)i, expected);
                var actual = Packet((byte)i);
                swept.Seal((uint)i, actual);
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Volatile.Write(ref sweeping, false);
            await sweeper;
        }
    }

    [Fact]
    public async Task An_idle_logged_in_connection_lets_both_contexts_go_and_still_works_after()
    {
        var time = new FakeTimeProvider();
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            TimeProvider = time,
        });
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            var channel = await HostileClient.OpenSessionAsync(client);
            await client.SendAsync(MessageNumbers.ChannelRequest, w =>
            {
                w.WriteUInt32(channel);
                w.WriteString("exec");
                w.WriteBoolean(true);
                w.WriteString("cat");
            }, TestContext.Current.CancellationToken);
            Assert.Equal(MessageNumbers.ChannelSuccess, (await client.ReadMessageAsync(HostileClient.Timeout()))[0]);

            // The first sweep finds both directions used since login, the second finds them idle.
            time.Advance(IdleStateSweeper.Interval);
            Assert.Equal(0, server.Server.IdleStateReleased);
            time.Advance(IdleStateSweeper.Interval);
            Assert.Equal(2, server.Server.IdleStateReleased);

            await client.SendAsync(MessageNumbers.ChannelData, w =>
            {
                w.WriteUInt32(channel);
                w.WriteString(Encoding.ASCII.GetBytes("still here\n"));
            }, TestContext.Current.CancellationToken);
            var echo = await ReadChannelDataAsync(client);
            Assert.Equal("still here\n", echo);
        }
    }

    private static async Task<string> ReadChannelDataAsync(TestClient.SshTestClient client)
    {
        while (true)
        {
            var message = await client.ReadMessageAsync(HostileClient.Timeout());
            if (message[0] == MessageNumbers.ChannelData)
            {
                var reader = new SshReader(message);
                reader.ReadByte();
                reader.ReadUInt32();
                return reader.ReadUtf8String();
            }
        }
    }
}
