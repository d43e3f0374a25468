using System.Text;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>Attacks before or during the first key exchange, over raw TCP. Each ends that connection only.</summary>
public class PreKeyExchangeAttackTests
{
    private static async Task<byte[]> AttackAsync(TestSshServer server, Func<TcpConnection, Task> attack)
    {
        using var tcp = await server.ConnectTcpAsync();
        await attack(tcp);
        return await tcp.ReadToEndAsync(TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("SSH-1.5-OldClient\r\n")]
    [InlineData("SSH-2.0-\0nul\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\0\r\n")]
    public async Task Garbage_version_line_gets_protocol_mismatch(string line)
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var transcript = await AttackAsync(server, tcp => tcp.Socket.SendAsync(Encoding.Latin1.GetBytes(line), TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("Protocol mismatch.", Encoding.ASCII.GetString(transcript), StringComparison.Ordinal);
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Overlong_version_line_is_cut_off()
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var transcript = await AttackAsync(server, tcp => tcp.Socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-" + new string('A', 100_000)), TestContext.Current.CancellationToken).AsTask());
        Assert.StartsWith("SSH-2.0-Comware", Encoding.ASCII.GetString(transcript), StringComparison.Ordinal);
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Huge_packet_length_disconnects()
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var transcript = await HostileClient.RawExchangeAsync(server, [0x7f, 0xff, 0xff, 0xf0, 4, 20, 0, 0, 0, 0]);
        Assert.Equal(DisconnectReason.ProtocolError, HostileClient.CleartextDisconnectReason(transcript));
        await witness.AssertAliveAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Too_little_padding_disconnects(int padding)
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        // An IGNORE sized so that the packet is block-aligned: the padding length is its only fault.
        var payload = new Connection.TestPeer.Builder().Byte(MessageNumbers.Ignore).String(new byte[14 - padding]).ToArray();
        var packet = HostileClient.CleartextPacket(payload, padding, exactPadding: true);
        Assert.Equal(0, packet.Length % 8);
        var transcript = await HostileClient.RawExchangeAsync(server, packet);
        Assert.Equal(DisconnectReason.ProtocolError, HostileClient.CleartextDisconnectReason(transcript));
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Truncated_kexinit_disconnects()
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var payload = HostileClient.KexInit("curve25519-sha256", "ssh-ed25519", "aes128-ctr", truncateTo: 40);
        var transcript = await HostileClient.RawExchangeAsync(server, HostileClient.CleartextPacket(payload, 8));
        Assert.Equal(DisconnectReason.ProtocolError, HostileClient.CleartextDisconnectReason(transcript));
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Only_unknown_algorithm_names_fail_the_key_exchange()
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var payload = HostileClient.KexInit("made-up-kex@example.com", "ssh-ed42", "rot13-cbc");
        var transcript = await HostileClient.RawExchangeAsync(server, HostileClient.CleartextPacket(payload, 8));
        Assert.Equal(DisconnectReason.KeyExchangeFailed, HostileClient.CleartextDisconnectReason(transcript));
        await witness.AssertAliveAsync();
    }

    [Theory]
    [InlineData(MessageNumbers.ChannelOpen)]
    [InlineData(MessageNumbers.UserAuthRequest)]
    [InlineData(MessageNumbers.ServiceRequest)]
    public async Task Upper_layer_messages_before_key_exchange_disconnect(byte number)
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        var payload = new Connection.TestPeer.Builder().Byte(number).String("session").UInt32(0).UInt32(1 << 20).UInt32(32768).ToArray();
        var transcript = await HostileClient.RawExchangeAsync(server, HostileClient.CleartextPacket(payload, 8));
        Assert.Equal(DisconnectReason.ProtocolError, HostileClient.CleartextDisconnectReason(transcript));
        Assert.Empty(server.Handler.Sessions);
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Slowloris_is_cut_off_by_the_login_grace_time()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            // Long enough for the witness's own login on a loaded 2-core machine, short enough to cut the drip (22 bytes x 400 ms).
            LoginGraceTime = TimeSpan.FromSeconds(4),
        });
        using var witness = await Witness.StartAsync(server);
        using var tcp = await server.ConnectTcpAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var drip = Task.Run(
            async () =>
        {
            foreach (var b in "SSH-2.0-VerySlowClient"u8.ToArray())
            {
                try
                {
                    await tcp.Socket.SendAsync(new[] { b }, TestContext.Current.CancellationToken);
                    await Task.Delay(400, TestContext.Current.CancellationToken);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    return;
                }
            }
        }, TestContext.Current.CancellationToken);
        await tcp.ReadToEndAsync(TimeSpan.FromSeconds(15));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(14));
        await drip;
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Flood_of_unauthenticated_connections_beyond_the_cap_makes_room_for_a_good_client()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            MaxUnauthenticatedConnections = 4,
        });
        using var witness = await Witness.StartAsync(server);

        // The client hears USERAUTH_SUCCESS just before the server lets go of the witness's slot; an idle connection
        // opened in between would find the slots full and evict the first idle one (seen on a loaded CI machine).
        await WaitForAsync(() => server.Server.UnauthenticatedConnectionCount == 0);
        var idle = new List<TcpConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                idle.Add(await server.ConnectTcpAsync());
            }

            await WaitForAsync(() => server.Server.UnauthenticatedConnectionCount == 4);

            // The logged-in witness is not counted and keeps working; a new login takes an idle connection's slot.
            using var command = new Renci.SshNet.SshClient("127.0.0.1", server.Port, "admin", "secret");
            await command.ConnectAsync(TestContext.Current.CancellationToken);
            await WaitForAsync(() => server.Server.UnauthenticatedConnectionCount <= 3);
            var dropped = await idle[0].ReadToEndAsync(TimeSpan.FromSeconds(15));
            Assert.StartsWith("SSH-2.0-Comware", Encoding.ASCII.GetString(dropped), StringComparison.Ordinal);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }

        await WaitForAsync(() => server.Server.UnauthenticatedConnectionCount == 0);
        await witness.AssertAliveAsync();
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
