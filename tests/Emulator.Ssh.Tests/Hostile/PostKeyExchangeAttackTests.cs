// Sends to a local socket complete at once; reads carry HostileClient.Timeout(), linked to the test token.
#pragma warning disable xUnit1051

using System.Buffers.Binary;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>Attacks after key exchange, with the transport helper's test client over TCP. Each ends that connection only.</summary>
public class PostKeyExchangeAttackTests
{
    [Fact]
    public async Task Terrapin_style_ignore_before_newkeys_under_strict_kex_disconnects()
    {
        await using var server = new TestSshServer();
        using var witness = await Witness.StartAsync(server);
        using var tcp = await server.ConnectTcpAsync();
        var options = new TestClientOptions
        {
            Cipher = "chacha20-poly1305@openssh.com",
            BeforeNewKeys = client => client.WritePacketAsync(new byte[] { MessageNumbers.Ignore, 0, 0, 0, 0 }).AsTask(),
        };
        try
        {
            await using var client = await SshTestClient.ConnectAsync(tcp, options, HostileClient.Timeout());
            // The server never answers the service request: the injected IGNORE already ended the connection.
            await client.SendAsync(MessageNumbers.ServiceRequest, w => w.WriteString("ssh-userauth"));
            Assert.Equal(DisconnectReason.ProtocolError, await HostileClient.ExpectDisconnectAsync(client));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // The server may close before our last write lands; the reset then hides its DISCONNECT. Ended either way.
        }

        await PreKeyExchangeAttackTests.WaitForAsync(() => server.Server.ConnectionCount == 1);
        await witness.AssertAliveAsync();
    }

    [Theory]
    [InlineData(MessageNumbers.ChannelOpen)] // CVE-2025-32433
    [InlineData(MessageNumbers.GlobalRequest)]
    [InlineData(MessageNumbers.ChannelRequest)]
    [InlineData(MessageNumbers.ChannelData)]
    public Task Connection_protocol_before_authentication_disconnects(byte number) =>
        HostileClient.AttackAsync(async (server, client) =>
        {
            await HostileClient.RequestUserAuthAsync(client);
            await HostileClient.SendSessionOpenAsync(client, number);
            Assert.Equal(DisconnectReason.ProtocolError, await HostileClient.ExpectDisconnectAsync(client));
            Assert.Empty(server.Handler.Sessions);
        });

    [Fact]
    public Task Client_sent_userauth_success_is_a_protocol_error_not_a_login() => // CVE-2018-10933
        HostileClient.AttackAsync(async (server, client) =>
        {
            await HostileClient.RequestUserAuthAsync(client);
            await client.SendAsync(MessageNumbers.UserAuthSuccess);
            await HostileClient.SendSessionOpenAsync(client);
            Assert.Equal(DisconnectReason.ProtocolError, await HostileClient.ExpectDisconnectAsync(client));
            Assert.Empty(server.Handler.Sessions);
        });

    [Fact]
    public Task Bad_mac_disconnects() =>
        HostileClient.AttackAsync(
            async (_, client) =>
            {
                // EtM: the length is in clear, so this is a well-formed 32-byte packet whose MAC cannot match.
                var packet = new byte[4 + 32 + 32];
                BinaryPrimitives.WriteUInt32BigEndian(packet, 32);
                new Random(1).NextBytes(packet.AsSpan(4));
                await client.WriteRawAsync(packet);
                Assert.Equal(DisconnectReason.MacError, await HostileClient.ExpectDisconnectAsync(client));
            },
            options: new TestClientOptions { Cipher = "aes128-ctr", Mac = "hmac-sha2-256-etm@openssh.com" });

    [Theory]
    [InlineData("ssh-connection", null)]
    [InlineData("ssh-userauth", "ssh-agent")]
    public Task Unknown_services_disconnect(string service, string? userAuthService) =>
        HostileClient.AttackAsync(async (_, client) =>
        {
            await client.SendAsync(MessageNumbers.ServiceRequest, w => w.WriteString(service));
            if (userAuthService is not null)
            {
                await client.ReadMessageAsync(HostileClient.Timeout());
                await client.SendAsync(MessageNumbers.UserAuthRequest, w =>
                {
                    w.WriteString("admin");
                    w.WriteString(userAuthService);
                    w.WriteString("none");
                });
            }

            Assert.Equal(DisconnectReason.ServiceNotAvailable, await HostileClient.ExpectDisconnectAsync(client));
        });

    [Fact]
    public Task Second_user_name_after_failures_is_judged_from_scratch_and_attempts_add_up() =>
        HostileClient.AttackAsync(async (server, client) =>
        {
            server.Users.AddPassword("operator", "op-pass");
            await HostileClient.RequestUserAuthAsync(client);
            foreach (var (user, password) in new[] { ("admin", "guess1"), ("admin", "guess2"), ("operator", "secret") })
            {
                await client.SendAsync(MessageNumbers.UserAuthRequest, w =>
                {
                    w.WriteString(user);
                    w.WriteString("ssh-connection");
                    w.WriteString("password");
                    w.WriteBoolean(false);
                    w.WriteString(password);
                });
            }

            Assert.Equal(MessageNumbers.UserAuthFailure, (await client.ReadMessageAsync(HostileClient.Timeout()))[0]);
            Assert.Equal(MessageNumbers.UserAuthFailure, (await client.ReadMessageAsync(HostileClient.Timeout()))[0]);
            Assert.Equal(DisconnectReason.NoMoreAuthMethodsAvailable, await HostileClient.ExpectDisconnectAsync(client));
        });

    [Theory]
    [InlineData("user-name")]
    [InlineData("truncated")]
    [InlineData("info-response")]
    public Task Malformed_authentication_disconnects(string kind) =>
        HostileClient.AttackAsync(async (_, client) =>
        {
            await HostileClient.RequestUserAuthAsync(client);
            DisconnectReason expected;
            switch (kind)
            {
                case "user-name":
                    await client.SendAsync(MessageNumbers.UserAuthRequest, w =>
                    {
                        w.WriteString(new string('u', 5000));
                        w.WriteString("ssh-connection");
                        w.WriteString("none");
                    });
                    expected = DisconnectReason.IllegalUserName;
                    break;
                case "truncated":
                    await client.SendAsync(MessageNumbers.UserAuthRequest, w =>
                    {
                        w.WriteString("admin");
                        w.WriteString("ssh-connection");
                        w.WriteString("password");
                        w.WriteBoolean(false);
                        w.WriteUInt32(1000); // a string length with no string behind it
                    });
                    expected = DisconnectReason.ProtocolError;
                    break;
                default:
                    await client.SendAsync(MessageNumbers.UserAuthInfoResponse, w =>
                    {
                        w.WriteUInt32(1);
                        w.WriteString("secret");
                    });
                    expected = DisconnectReason.ProtocolError;
                    break;
            }

            Assert.Equal(expected, await HostileClient.ExpectDisconnectAsync(client));
        });

    [Theory]
    [InlineData("unknown-channel")]
    [InlineData("window-overflow")]
    [InlineData("window-adjust-overflow")]
    [InlineData("oversized-data-packet")]
    public Task Channel_abuse_after_login_disconnects(string kind) =>
        HostileClient.AttackAsync(
            async (_, client) =>
            {
                var channel = await HostileClient.OpenSessionAsync(client);
                await client.SendAsync(MessageNumbers.ChannelRequest, w =>
                {
                    w.WriteUInt32(channel);
                    w.WriteString("exec");
                    w.WriteBoolean(false);
                    w.WriteString("hang"); // never reads its input, so our data only ever uses up window
                });
                switch (kind)
                {
                    case "unknown-channel":
                        await SendDataAsync(client, channel + 100, 10);
                        break;
                    case "window-overflow":
                        for (var i = 0; i < 65; i++)
                        {
                            await SendDataAsync(client, channel, 32 * 1024);
                        }

                        break;
                    case "window-adjust-overflow":
                        for (var i = 0; i < 2; i++)
                        {
                            await client.SendAsync(MessageNumbers.ChannelWindowAdjust, w =>
                            {
                                w.WriteUInt32(channel);
                                w.WriteUInt32(uint.MaxValue);
                            });
                        }

                        break;
                    default:
                        await SendDataAsync(client, channel, 100_000);
                        break;
                }

                Assert.Equal(DisconnectReason.ProtocolError, await HostileClient.ExpectDisconnectAsync(client));
            },
            authenticated: true);

    private static ValueTask SendDataAsync(SshTestClient client, uint channel, int length) =>
        client.SendAsync(MessageNumbers.ChannelData, w =>
        {
            w.WriteUInt32(channel);
            w.WriteString(new byte[length]);
        });

    [Fact]
    public async Task Unknown_message_numbers_get_unimplemented_without_harm()
    {
        await using var server = new TestSshServer();
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            await client.SendAsync(150, w => w.WriteString("whatever"));
            var unimplemented = await client.ReadMessageAsync(HostileClient.Timeout());
            Assert.Equal(MessageNumbers.Unimplemented, unimplemented[0]);
            Assert.Equal(0u, await HostileClient.OpenSessionAsync(client));
        }
    }

    [Fact]
    public Task Login_grace_time_disconnects_a_keyed_client_that_never_logs_in() =>
        HostileClient.AttackAsync(
            async (_, client) =>
            {
                await HostileClient.RequestUserAuthAsync(client);
                Assert.Equal(DisconnectReason.ByApplication, await HostileClient.ExpectDisconnectAsync(client));
            },
            configure: o => new SshServerOptions
            {
                HostKeys = o.HostKeys,
                Authenticator = o.Authenticator,
                Sessions = o.Sessions,
                Algorithms = o.Algorithms,
                LoginGraceTime = TimeSpan.FromSeconds(2),
            });

    [Fact]
    public async Task Output_during_a_stalled_rekey_is_held_back_and_bounded()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            MaxQueuedBytesDuringRekey = 64 * 1024,
        });
        using var witness = await Witness.StartAsync(server);
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            var channel = await HostileClient.OpenSessionAsync(client, window: uint.MaxValue);

            await client.SendAsync(MessageNumbers.ChannelRequest, w =>
            {
                w.WriteUInt32(channel);
                w.WriteString("exec");
                w.WriteBoolean(false);
                w.WriteString("bytes 50000000");
            });
            Assert.Equal(MessageNumbers.ChannelData, (await client.ReadRawPacketAsync(HostileClient.Timeout()))[0]);

            // Start a key re-exchange and never finish it while the application wants to send far more than the queue may hold.
            await client.WritePacketAsync(HostileClient.KexInit("curve25519-sha256", "ssh-ed25519", "aes128-gcm@openssh.com"));
            var channelData = 0;
            var serverKexInitSeen = false;
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                while (true)
                {
                    var packet = await client.ReadRawPacketAsync(quiet.Token);
                    serverKexInitSeen |= packet[0] == MessageNumbers.KexInit;
                    channelData += serverKexInitSeen && packet[0] == MessageNumbers.ChannelData ? 1 : 0;
                }
            }
            catch (OperationCanceledException)
            {
            }

            Assert.True(serverKexInitSeen);
            Assert.Equal(0, channelData);
            Assert.Single(server.Handler.Sessions);
        }

        await PreKeyExchangeAttackTests.WaitForAsync(() => server.Server.ConnectionCount == 1);
        await witness.AssertAliveAsync();
    }

    [Fact]
    public async Task Channel_open_flood_is_refused_per_channel_and_the_connection_survives()
    {
        await using var server = new TestSshServer();
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            for (uint i = 0; i < 50; i++)
            {
                await client.SendAsync(MessageNumbers.ChannelOpen, w =>
                {
                    w.WriteString(i % 2 == 0 ? "session" : "direct-tcpip");
                    w.WriteUInt32(i);
                    w.WriteUInt32(1 << 20);
                    w.WriteUInt32(32768);
                    w.WriteString("10.0.0.1");
                    w.WriteUInt32(22);
                    w.WriteString("127.0.0.1");
                    w.WriteUInt32(1234);
                });
            }

            var confirmed = 0;
            var refused = 0;
            for (var i = 0; i < 50; i++)
            {
                var reply = await client.ReadMessageAsync(HostileClient.Timeout());
                confirmed += reply[0] == MessageNumbers.ChannelOpenConfirmation ? 1 : 0;
                refused += reply[0] == MessageNumbers.ChannelOpenFailure ? 1 : 0;
            }

            Assert.Equal(10, confirmed);
            Assert.Equal(40, refused);
        }
    }
}
