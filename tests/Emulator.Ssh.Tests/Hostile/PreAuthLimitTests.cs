using System.Net;
using System.Text;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>
/// Issue 20, pre-auth limits: half-open connections cannot lock a good client out (the oldest stalled handshake makes
/// room, never the newcomer), one source cannot take every slot, and key exchange cannot be repeated before login.
/// </summary>
public class PreAuthLimitTests
{
    private static readonly IPAddress _a = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress _b = IPAddress.Parse("192.0.2.2");

    [Fact]
    public async Task Two_hundred_half_open_connections_do_not_lock_out_a_good_client()
    {
        await using var server = new TestSshServer();
        var halfOpen = new List<TcpConnection>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var tcp = await server.ConnectTcpAsync();
                halfOpen.Add(tcp);
                if (i % 2 == 0)
                {
                    // Half of them stall after the version line, the rest send nothing at all.
                    await tcp.Socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Stalled_1.0\r\n"), TestContext.Current.CancellationToken);
                }
            }

            await PreKeyExchangeAttackTests.WaitForAsync(() => server.Server.ConnectionCount <= server.Options.MaxUnauthenticatedConnections);
            Assert.InRange(server.Server.UnauthenticatedConnectionCount, 1, server.Options.MaxUnauthenticatedConnectionsPerSource);

            using var client = new Renci.SshNet.SshClient("127.0.0.1", server.Port, "admin", "secret");
            await client.ConnectAsync(TestContext.Current.CancellationToken);
            using var command = client.CreateCommand("echo through");
            await command.ExecuteAsync(TestContext.Current.CancellationToken);
            Assert.Equal("through\n", command.Result);
        }
        finally
        {
            halfOpen.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Unauthenticated_clients_that_finished_key_exchange_are_dropped_only_after_stalled_handshakes()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            MaxUnauthenticatedConnections = 3,
        });
        var (keyedTcp, keyed) = await HostileClient.KeyedAsync(server);
        await using (keyed)
        using (keyedTcp)
        {
            using var stalled1 = await server.ConnectTcpAsync();
            using var stalled2 = await server.ConnectTcpAsync();
            await PreKeyExchangeAttackTests.WaitForAsync(() => server.Server.UnauthenticatedConnectionCount == 3);

            // Two newcomers evict the two stalled handshakes, though the keyed client is older.
            using var new1 = await server.ConnectTcpAsync();
            using var new2 = await server.ConnectTcpAsync();
            await stalled1.ReadToEndAsync(TimeSpan.FromSeconds(15));
            await stalled2.ReadToEndAsync(TimeSpan.FromSeconds(15));
            await HostileClient.RequestUserAuthAsync(keyed);
        }
    }

    [Fact]
    public void Admission_drops_the_oldest_in_key_exchange_then_the_oldest_keyed_never_the_newcomer()
    {
        var admission = new PreAuthAdmission();
        using var keyed = admission.Admit(_a, 3, 0, out _);
        keyed.OnKeyExchangeDone();
        using var handshaking1 = admission.Admit(_a, 3, 0, out _);
        using var handshaking2 = admission.Admit(_a, 3, 0, out _);

        using var newcomer1 = admission.Admit(_a, 3, 0, out var evicted);
        Assert.True(evicted);
        Assert.True(handshaking1.WasEvicted);
        Assert.False(keyed.WasEvicted);

        newcomer1.OnKeyExchangeDone();
        handshaking2.OnKeyExchangeDone();
        using var newcomer2 = admission.Admit(_a, 3, 0, out _);
        Assert.True(keyed.WasEvicted);
        Assert.False(newcomer2.WasEvicted);
        Assert.Equal(3, admission.Count);
    }

    [Fact]
    public void Per_source_cap_takes_the_slot_of_the_same_source_only()
    {
        var admission = new PreAuthAdmission();
        using var fromB = admission.Admit(_b, 10, 2, out _);
        using var a1 = admission.Admit(_a, 10, 2, out _);
        using var a2 = admission.Admit(_a, 10, 2, out _);
        using var a3 = admission.Admit(_a, 10, 2, out var evicted);
        Assert.True(evicted);
        Assert.True(a1.WasEvicted);
        Assert.False(fromB.WasEvicted);
        Assert.Equal(3, admission.Count);

        // A released slot is given back once; releasing twice changes nothing.
        a2.Release();
        a2.Release();
        Assert.Equal(2, admission.Count);
    }

    [Fact]
    public async Task Key_exchange_repeated_before_authentication_is_limited()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            MaxKeyExchangesBeforeAuthentication = 2,
        });
        var (tcp, client) = await HostileClient.KeyedAsync(server);
        await using (client)
        using (tcp)
        {
            await client.RekeyAsync(HostileClient.Timeout());
            await Assert.ThrowsAsync<SshDisconnectException>(() => client.RekeyAsync(HostileClient.Timeout()));
            var (reason, text) = await client.ExpectDisconnectAsync(HostileClient.Timeout());
            Assert.Equal(DisconnectReason.ProtocolError, reason);
            Assert.Contains("before authentication", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Key_exchange_after_authentication_is_not_limited()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            MaxKeyExchangesBeforeAuthentication = 1,
        });
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            for (var i = 0; i < 3; i++)
            {
                await client.RekeyAsync(HostileClient.Timeout());
            }

            Assert.Equal(0u, await HostileClient.OpenSessionAsync(client));
        }
    }
}
