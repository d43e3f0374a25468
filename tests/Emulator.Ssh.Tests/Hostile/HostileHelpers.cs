using System.Buffers.Binary;
using System.Text;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Renci.SshNet;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>
/// An honest SSH.NET client logged in before an attack starts. After the attack it must still run commands, and a
/// new login must still work: one bad connection never harms another.
/// </summary>
internal sealed class Witness : IDisposable
{
    private readonly TestSshServer _server;
    private readonly SshClient _client;

    private Witness(TestSshServer server, SshClient client)
    {
        _server = server;
        _client = client;
    }

    public static async Task<Witness> StartAsync(TestSshServer server)
    {
        var client = new SshClient(new ConnectionInfo("127.0.0.1", server.Port, "admin", new PasswordAuthenticationMethod("admin", "secret")));
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        return new Witness(server, client);
    }

    public async Task AssertAliveAsync()
    {
        using var command = _client.CreateCommand("echo alive");
        await command.ExecuteAsync(TestContext.Current.CancellationToken);
        Assert.Equal("alive\n", command.Result);

        using var fresh = new SshClient(new ConnectionInfo("127.0.0.1", _server.Port, "admin", new PasswordAuthenticationMethod("admin", "secret")));
        await fresh.ConnectAsync(TestContext.Current.CancellationToken);
        using var whoami = fresh.CreateCommand("whoami");
        await whoami.ExecuteAsync(TestContext.Current.CancellationToken);
        Assert.Equal("admin\n", whoami.Result);
    }

    public void Dispose() => _client.Dispose();
}

internal static class HostileClient
{
    public static CancellationToken Timeout(int seconds = 15)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts.Token;
    }

    /// <summary>Key exchange done (default algorithms), nothing else.</summary>
    public static async Task<(TcpConnection Tcp, SshTestClient Client)> KeyedAsync(TestSshServer server, TestClientOptions? options = null)
    {
        var tcp = await server.ConnectTcpAsync();
        var client = await SshTestClient.ConnectAsync(tcp, options, Timeout());
        return (tcp, client);
    }

    /// <summary>Key exchange, ssh-userauth and password login as admin.</summary>
    public static async Task<(TcpConnection Tcp, SshTestClient Client)> AuthenticatedAsync(TestSshServer server)
    {
        var (tcp, client) = await KeyedAsync(server);
        await RequestUserAuthAsync(client);
        await client.SendAsync(MessageNumbers.UserAuthRequest, w =>
        {
            w.WriteString("admin");
            w.WriteString("ssh-connection");
            w.WriteString("password");
            w.WriteBoolean(false);
            w.WriteString("secret");
        });
        Assert.Equal(MessageNumbers.UserAuthSuccess, (await client.ReadMessageAsync(Timeout()))[0]);
        client.OnAuthenticated();
        return (tcp, client);
    }

    /// <summary>Asks for the ssh-userauth service and expects it accepted.</summary>
    public static async Task RequestUserAuthAsync(SshTestClient client)
    {
        await client.SendAsync(MessageNumbers.ServiceRequest, w => w.WriteString("ssh-userauth"));
        Assert.Equal(MessageNumbers.ServiceAccept, (await client.ReadMessageAsync(Timeout()))[0]);
    }

    /// <summary>
    /// Sends message <paramref name="number"/> with a session CHANNEL_OPEN body (our id 0, the given window): a real open,
    /// or the same bytes under another message number for out-of-phase attacks.
    /// </summary>
    public static ValueTask SendSessionOpenAsync(SshTestClient client, byte number = MessageNumbers.ChannelOpen, uint window = 1 << 20) =>
        client.SendAsync(number, w =>
        {
            w.WriteString("session");
            w.WriteUInt32(0);
            w.WriteUInt32(window);
            w.WriteUInt32(32768);
        });

    /// <summary>
    /// One attack on a fresh server: a <see cref="Witness"/> logs in first, <paramref name="attack"/> gets a keyed client
    /// (logged in as admin when <paramref name="authenticated"/>), and afterwards the witness must still work.
    /// </summary>
    public static async Task AttackAsync(
        Func<TestSshServer, SshTestClient, Task> attack,
        bool authenticated = false,
        TestClientOptions? options = null,
        Func<SshServerOptions, SshServerOptions>? configure = null)
    {
        await using var server = new TestSshServer(configure);
        using var witness = await Witness.StartAsync(server);
        var (tcp, client) = authenticated ? await AuthenticatedAsync(server) : await KeyedAsync(server, options);
        await using (client)
        using (tcp)
        {
            await attack(server, client);
        }

        await witness.AssertAliveAsync();
    }

    /// <summary>Opens a session channel (our id 0, the given window) and returns the server's channel id.</summary>
    public static async Task<uint> OpenSessionAsync(SshTestClient client, uint window = 1 << 20)
    {
        await SendSessionOpenAsync(client, window: window);
        var confirmation = await client.ReadMessageAsync(Timeout());
        Assert.Equal(MessageNumbers.ChannelOpenConfirmation, confirmation[0]);
        return BinaryPrimitives.ReadUInt32BigEndian(confirmation.AsSpan(5));
    }

    /// <summary>Reads (skipping other traffic) until the server's DISCONNECT and returns its reason; the socket must then close.</summary>
    public static async Task<DisconnectReason> ExpectDisconnectAsync(SshTestClient client)
    {
        var token = Timeout();
        while (true)
        {
            var message = await client.ReadMessageAsync(token);
            if (message[0] == MessageNumbers.Disconnect)
            {
                return (DisconnectReason)BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(1));
            }
        }
    }

    /// <summary>An unencrypted binary packet (RFC 4253 6) with at least <paramref name="padding"/> bytes of padding, grown to the
    /// 8-byte block unless <paramref name="exactPadding"/>, for pre-kex attacks.</summary>
    public static byte[] CleartextPacket(byte[] payload, int padding = 4, bool exactPadding = false)
    {
        if (!exactPadding)
        {
            padding += (8 - ((5 + payload.Length + padding) % 8)) % 8;
        }

        var packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        return packet;
    }

    /// <summary>Sends our version line and returns everything the server sends until it closes.</summary>
    public static async Task<byte[]> RawExchangeAsync(TestSshServer server, params byte[][] afterVersion)
    {
        using var tcp = await server.ConnectTcpAsync();
        await tcp.Socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Hostile_1.0\r\n"), TestContext.Current.CancellationToken);
        foreach (var chunk in afterVersion)
        {
            await tcp.Socket.SendAsync(chunk, TestContext.Current.CancellationToken);
        }

        return await tcp.ReadToEndAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>The reason code of the cleartext DISCONNECT in a pre-kex server transcript (after its version line and KEXINIT).</summary>
    public static DisconnectReason? CleartextDisconnectReason(byte[] transcript)
    {
        var start = transcript.AsSpan().IndexOf("\r\n"u8) + 2;
        var span = transcript.AsSpan(start);
        while (span.Length >= 6)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span);
            if (length + 4 > span.Length)
            {
                return null;
            }

            if (span[5] == MessageNumbers.Disconnect)
            {
                return (DisconnectReason)BinaryPrimitives.ReadUInt32BigEndian(span[6..]);
            }

            span = span[(4 + length)..];
        }

        return null;
    }

    /// <summary>A KEXINIT payload with the given key exchange, host key and cipher names.</summary>
    public static byte[] KexInit(string kex, string hostKey, string cipher, int truncateTo = int.MaxValue)
    {
        var b = new Connection.TestPeer.Builder().Byte(MessageNumbers.KexInit).Raw(new byte[16]);
        foreach (var list in new[] { kex, hostKey, cipher, cipher, "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", "" })
        {
            b.String(list);
        }

        var payload = b.Bool(false).UInt32(0).ToArray();
        return payload[..Math.Min(truncateTo, payload.Length)];
    }
}
