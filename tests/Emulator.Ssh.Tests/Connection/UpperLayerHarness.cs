using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Threading.Channels;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>
/// Runs <see cref="SshServer"/> over in-memory packet pairs: the real userauth and connection layers, no transport.
/// Signatures use a fake scheme (SHA-256 of key blob and signed data) so tests can check exactly what is signed.
/// </summary>
internal sealed class UpperLayerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _connections = [];

    public UpperLayerHarness(Func<SshServerOptions, SshServerOptions>? configure = null, bool realSignatures = false)
    {
        var options = new SshServerOptions
        {
            HostKeys = new NoHostKeys(),
            Authenticator = Users,
            Sessions = Handler,
            AuthenticationFailureDelay = TimeSpan.Zero,
        };
        Options = configure is null ? options : configure(options);
        Server = new SshServer(() => Options, AcceptAsync, realSignatures ? Ssh.Auth.UserKeySignatures.Verify : FakeSignatures.Verify);
    }

    public TestUsers Users { get; } = new TestUsers().AddPassword("admin", "secret");

    public TestSessionHandler Handler { get; } = new();

    public SshServerOptions Options { get; set; }

    public SshServer Server { get; }

    /// <summary>Server halves, in connection order.</summary>
    public List<InMemoryPacketConnection> ServerSides { get; } = [];

    private readonly Dictionary<IDuplexPipe, InMemoryPacketConnection> _pending = [];

    /// <summary>Starts one connection and returns the client half; the connection's task is <see cref="LastConnection"/>.</summary>
    public TestPeer Connect()
    {
        var toServer = Channel.CreateUnbounded<byte[]>();
        var toClient = Channel.CreateUnbounded<byte[]>();
        var sessionId = RandomNumberGenerator.GetBytes(32);
        var server = new InMemoryPacketConnection(toServer, toClient, sessionId);
        var pipe = new Pipe();
        var duplex = new DuplexPipe(pipe.Reader, pipe.Writer);
        lock (_pending)
        {
            _pending[duplex] = server;
            ServerSides.Add(server);
        }

        LastConnection = Server.HandleConnectionAsync(new SshConnectionInfo(null, null, duplex), _shutdown.Token);
        _connections.Add(LastConnection);
        return new TestPeer(toServer, toClient, sessionId);
    }

    public Task LastConnection { get; private set; } = Task.CompletedTask;

    /// <summary>Connects, asks for ssh-userauth and logs in admin/secret by password.</summary>
    public async Task<TestPeer> ConnectAuthenticatedAsync()
    {
        var peer = Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        peer.SendPassword("admin", "secret");
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
        return peer;
    }

    public async Task ShutdownAsync()
    {
        await _shutdown.CancelAsync();
        var all = Task.WhenAll(_connections);
        if (Options.TimeProvider is FakeTimeProvider fake)
        {
            // Test peers rarely answer the server's CLOSEs, which a stopping connection waits for up to DrainTime.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!all.IsCompleted && !deadline.IsCancellationRequested)
            {
                fake.Advance(Ssh.Connection.SessionChannel.DrainTime);
                await Task.WhenAny(all, Task.Delay(20, CancellationToken.None));
            }
        }

        await all.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _shutdown.Dispose();
    }

    private ValueTask<IPacketConnection> AcceptAsync(SshConnectionInfo info, SshServerOptions options, CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            _pending.Remove(info.Transport, out var server);
            return ValueTask.FromResult<IPacketConnection>(server!);
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class NoHostKeys : IHostKeyProvider
    {
        public IReadOnlyCollection<string> KeyTypes => [];

        public ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no host keys in upper-layer tests");
    }
}

/// <summary>A stand-in signature scheme: "signature" = SHA-256(key blob || signed data).</summary>
internal static class FakeSignatures
{
    public static byte[] NewKeyBlob()
    {
        var builder = new TestPeer.Builder().String("ssh-ed25519").String(RandomNumberGenerator.GetBytes(32));
        return builder.ToArray();
    }

    public static byte[] Sign(string algorithm, byte[] keyBlob, byte[] data) =>
        new TestPeer.Builder().String(algorithm).String(SHA256.HashData([.. keyBlob, .. data])).ToArray();

    public static bool Verify(string algorithm, ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob) =>
        signatureBlob.SequenceEqual(Sign(algorithm, keyBlob.ToArray(), data.ToArray()));
}

/// <summary>Messages a client sends, built per RFC 4252/4254.</summary>
internal static class PeerMessages
{
    public static void RequestUserAuthService(this TestPeer peer) =>
        peer.Send(b => b.Byte(MessageNumbers.ServiceRequest).String("ssh-userauth"));

    public static void SendNone(this TestPeer peer, string user) =>
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String(user).String("ssh-connection").String("none"));

    public static void SendPassword(this TestPeer peer, string user, string password) =>
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String(user).String("ssh-connection").String("password").Bool(false).String(password));

    /// <summary>The bytes a publickey signature covers (RFC 4252 7), built independently of the server.</summary>
    public static byte[] PublicKeySignedData(byte[] sessionId, string user, string algorithm, byte[] keyBlob) =>
        new TestPeer.Builder().String(sessionId).Byte(MessageNumbers.UserAuthRequest).String(user).String("ssh-connection")
            .String("publickey").Bool(true).String(algorithm).String(keyBlob).ToArray();

    public static void SendPublicKey(this TestPeer peer, string user, string algorithm, byte[] keyBlob, byte[]? signature) =>
        peer.Send(b =>
        {
            b.Byte(MessageNumbers.UserAuthRequest).String(user).String("ssh-connection").String("publickey")
                .Bool(signature is not null).String(algorithm).String(keyBlob);
            if (signature is not null)
            {
                b.String(signature);
            }
        });

    public static void OpenSession(this TestPeer peer, uint senderChannel, uint window = 1 << 20, uint maxPacket = 32768) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelOpen).String("session").UInt32(senderChannel).UInt32(window).UInt32(maxPacket));

    public static void Exec(this TestPeer peer, uint recipient, string command, bool wantReply = true) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelRequest).UInt32(recipient).String("exec").Bool(wantReply).String(command));

    public static void ChannelRequest(this TestPeer peer, uint recipient, string type, bool wantReply, Action<TestPeer.Builder>? data = null) =>
        peer.Send(b =>
        {
            b.Byte(MessageNumbers.ChannelRequest).UInt32(recipient).String(type).Bool(wantReply);
            data?.Invoke(b);
        });

    public static void Data(this TestPeer peer, uint recipient, byte[] data) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelData).UInt32(recipient).String(data));

    public static void WindowAdjust(this TestPeer peer, uint recipient, uint bytes) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelWindowAdjust).UInt32(recipient).UInt32(bytes));

    public static void Eof(this TestPeer peer, uint recipient) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelEof).UInt32(recipient));

    public static void CloseChannel(this TestPeer peer, uint recipient) =>
        peer.Send(b => b.Byte(MessageNumbers.ChannelClose).UInt32(recipient));

    /// <summary>Opens a session channel and returns the server's channel id.</summary>
    public static async Task<uint> OpenSessionAsync(this TestPeer peer, uint senderChannel, uint window = 1 << 20, uint maxPacket = 32768)
    {
        peer.OpenSession(senderChannel, window, maxPacket);
        var confirm = await peer.ExpectAsync(MessageNumbers.ChannelOpenConfirmation);
        var reader = new SshReader(confirm);
        reader.ReadByte();
        Assert.Equal(senderChannel, reader.ReadUInt32());
        return reader.ReadUInt32();
    }
}

/// <summary>Everything a channel produced until its CLOSE.</summary>
internal sealed record ChannelTranscript(byte[] Stdout, byte[] Stderr, uint? ExitStatus, bool Eof, List<byte> Order)
{
    /// <summary>Collects channel messages addressed to <paramref name="channel"/> until CLOSE, answering window needs when asked.</summary>
    public static async Task<ChannelTranscript> CollectAsync(TestPeer peer, uint channel, uint? serverChannel = null, uint adjustEvery = 0)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        uint? exit = null;
        var eof = false;
        var order = new List<byte>();
        long sinceAdjust = 0;
        while (await peer.ReceiveAsync() is { } packet)
        {
            var reader = new SshReader(packet);
            var number = reader.ReadByte();
            if (number is MessageNumbers.ChannelSuccess or MessageNumbers.ChannelFailure or MessageNumbers.ChannelWindowAdjust)
            {
                continue;
            }

            Assert.True(number is >= MessageNumbers.ChannelData and <= MessageNumbers.ChannelRequest, $"unexpected {TestPeer.Describe(packet)}");
            Assert.Equal(channel, reader.ReadUInt32());
            order.Add(number);
            switch (number)
            {
                case MessageNumbers.ChannelData:
                    var data = reader.ReadString();
                    stdout.Write(data);
                    sinceAdjust += data.Length;
                    break;
                case MessageNumbers.ChannelExtendedData:
                    Assert.Equal(1u, reader.ReadUInt32());
                    var err = reader.ReadString();
                    stderr.Write(err);
                    sinceAdjust += err.Length;
                    break;
                case MessageNumbers.ChannelEof:
                    eof = true;
                    break;
                case MessageNumbers.ChannelRequest:
                    if (reader.ReadAsciiString() == "exit-status")
                    {
                        Assert.False(reader.ReadBoolean());
                        exit = reader.ReadUInt32();
                    }

                    break;
                case MessageNumbers.ChannelClose:
                    return new ChannelTranscript(stdout.ToArray(), stderr.ToArray(), exit, eof, order);
            }

            if (adjustEvery > 0 && sinceAdjust >= adjustEvery && serverChannel is { } id)
            {
                peer.WindowAdjust(id, (uint)sinceAdjust);
                sinceAdjust = 0;
            }
        }

        throw new InvalidOperationException("connection closed before channel CLOSE");
    }
}
