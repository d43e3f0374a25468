using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Emulator.Ssh;

namespace Emulator.Fuzz.Targets;

/// <summary>
/// A whole SSH server connection fed with the input as the client's bytes: version exchange, packet framing, KEXINIT
/// and key-exchange parsing, strict-KEX and guess rules, disconnects. The connection must end by itself (EOF, a
/// DISCONNECT) with at most an I/O error; any other exception is a finding.
/// </summary>
public sealed class SshServerTarget : IFuzzTarget
{
    private readonly Lazy<SshServer> _server = new(CreateServer);

    public string Name => "ssh-server";

    public IEnumerable<byte[]> Seeds(string repositoryRoot)
    {
        var ident = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray();
        yield return ident;
        yield return "SSH-1.99-PuTTY\r\n"u8.ToArray();
        yield return "banner line\r\nSSH-2.0-x\r\n"u8.ToArray();
        var kexinit = KexInit(false, "curve25519-sha256,kex-strict-c-v00@openssh.com", "ssh-ed25519");
        yield return [.. ident, .. Packet(kexinit)];
        var guessed = KexInit(true, "diffie-hellman-group14-sha256,curve25519-sha256", "rsa-sha2-256,ssh-ed25519");
        yield return [.. ident, .. Packet(guessed), .. Packet([30, 0, 0, 0, 32, .. new byte[32]])];
        var ecdh = new byte[37];
        ecdh[0] = 30;
        BinaryPrimitives.WriteUInt32BigEndian(ecdh.AsSpan(1), 32);
        Random.Shared.NextBytes(ecdh.AsSpan(5));
        yield return [.. ident, .. Packet(kexinit), .. Packet(ecdh)];
        yield return [.. ident, .. Packet(KexInit(false, "diffie-hellman-group-exchange-sha256", "ssh-ed25519")), .. Packet([34, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 32, 0])];
    }

    public void Run(byte[] input)
    {
        var toServer = new Pipe();
        var fromServer = new Pipe();
        toServer.Writer.Write(input);
        toServer.Writer.Complete();
        var drain = Task.Run(async () =>
        {
            while (true)
            {
                var read = await fromServer.Reader.ReadAsync();
                fromServer.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var transport = new DuplexPipe(toServer.Reader, fromServer.Writer);
        try
        {
            _server.Value.HandleConnectionAsync(new SshConnectionInfo(new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Loopback, 22), transport), timeout.Token)
                .GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
        finally
        {
            fromServer.Writer.Complete();
            drain.GetAwaiter().GetResult();
        }
    }

    private static SshServer CreateServer()
    {
        var key = SshHostKey.Generate("ssh-ed25519");
        return new SshServer(new SshServerOptions
        {
            HostKeys = new OneKey(key),
            Authenticator = new NoUsers(),
            Sessions = new NoSessions(),
            LoginGraceTime = TimeSpan.FromSeconds(2),
            AuthenticationFailureDelay = TimeSpan.Zero,
        });
    }

    private static byte[] KexInit(bool guess, string kex, string hostKeys)
    {
        var body = new List<byte> { 20 };
        body.AddRange(new byte[16]);
        foreach (var list in (string[])[kex, hostKeys, "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", ""])
        {
            var bytes = Encoding.ASCII.GetBytes(list);
            body.AddRange(BigEndian((uint)bytes.Length));
            body.AddRange(bytes);
        }

        body.Add(guess ? (byte)1 : (byte)0);
        body.AddRange(BigEndian(0));
        return [.. body];
    }

    /// <summary>An unencrypted binary packet (RFC 4253 §6) around <paramref name="payload"/>.</summary>
    private static byte[] Packet(byte[] payload)
    {
        var padding = 8 - ((payload.Length + 5) % 8);
        if (padding < 4)
        {
            padding += 8;
        }

        return [.. BigEndian((uint)(payload.Length + padding + 1)), (byte)padding, .. payload, .. new byte[padding]];
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    private sealed class OneKey(SshHostKey key) : IHostKeyProvider
    {
        public IReadOnlyCollection<string> KeyTypes => [key.KeyType];

        public ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken) => ValueTask.FromResult(key);
    }

    private sealed class NoUsers : IUserAuthenticator
    {
        public ValueTask<AuthenticationPolicy> GetPolicyAsync(string userName, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new AuthenticationPolicy(["password"], []));

        public ValueTask<bool> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask<bool> IsAuthorizedKeyAsync(string userName, ReadOnlyMemory<byte> publicKeyBlob, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }

    private sealed class NoSessions : ISessionHandler
    {
        public Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken) => Task.FromResult<int?>(0);
    }
}
