using System.Text;
using Emulator.Ssh.Tests.Connection;
using Renci.SshNet;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>SSH.NET (in-process) against our server over TCP.</summary>
public class SshNetInteropTests
{
    private static ConnectionInfo Connection(TestSshServer server, params AuthenticationMethod[] methods) =>
        new("127.0.0.1", server.Port, "admin", methods) { Timeout = TimeSpan.FromSeconds(20) };

    private static async Task<SshClient> ConnectAsync(ConnectionInfo info)
    {
        var client = new SshClient(info);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        return client;
    }

    [Fact]
    public async Task Password_exec_and_exit_status()
    {
        await using var server = new TestSshServer();
        using var client = await ConnectAsync(Connection(server, new PasswordAuthenticationMethod("admin", "secret")));
        using var echo = client.RunCommand("echo from ssh.net");
        Assert.Equal("from ssh.net\n", echo.Result);
        Assert.Equal(0, echo.ExitStatus);
        using var failing = client.RunCommand("stderr bad");
        Assert.Equal("bad\n", failing.Error);
        Assert.Equal(1, failing.ExitStatus);
    }

    [Fact]
    public async Task Wrong_password_throws_authentication_error_and_the_server_stays_up()
    {
        await using var server = new TestSshServer();
        using (var bad = new SshClient(Connection(server, new PasswordAuthenticationMethod("admin", "nope"))))
        {
            await Assert.ThrowsAsync<Renci.SshNet.Common.SshAuthenticationException>(() => bad.ConnectAsync(TestContext.Current.CancellationToken));
        }

        using var good = await ConnectAsync(Connection(server, new PasswordAuthenticationMethod("admin", "secret")));
        Assert.Equal("admin\n", good.RunCommand("whoami").Result);
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256")]
    [InlineData("ecdsa-sha2-nistp521")]
    [InlineData("ssh-rsa")]
    public async Task Public_key(string keyType)
    {
        using var key = SshHostKey.Generate(keyType, seed: [4, 2]);
        await using var server = new TestSshServer();
        server.Users.SetPolicy("admin", new AuthenticationPolicy(["publickey"], [])).AddKey("admin", key.PublicKeyBlob.ToArray());
        using var keyFile = new PrivateKeyFile(new MemoryStream(Encoding.ASCII.GetBytes(key.ExportOpenSshPrivateKey())));
        using var client = await ConnectAsync(Connection(server, new PrivateKeyAuthenticationMethod("admin", keyFile)));
        Assert.Equal("admin\n", client.RunCommand("whoami").Result);
    }

    [Fact]
    public async Task Keyboard_interactive()
    {
        await using var server = new TestSshServer();
        var method = new KeyboardInteractiveAuthenticationMethod("admin");
        var prompts = new List<string>();
        method.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompts.Add(prompt.Request);
                prompt.Response = "secret";
            }
        };
        using var client = await ConnectAsync(Connection(server, method));
        Assert.Equal("ok\n", client.RunCommand("echo ok").Result);
        Assert.Equal(["Password: "], prompts);
    }

    [Fact]
    public async Task Partial_success_password_then_public_key()
    {
        using var key = SshHostKey.Generate("ssh-ed25519", seed: [9]);
        await using var server = new TestSshServer();
        server.Users.SetPolicy("admin", new AuthenticationPolicy([], ["password", "publickey"])).AddKey("admin", key.PublicKeyBlob.ToArray());
        using var keyFile = new PrivateKeyFile(new MemoryStream(Encoding.ASCII.GetBytes(key.ExportOpenSshPrivateKey())));
        using var client = await ConnectAsync(Connection(server,
            new PasswordAuthenticationMethod("admin", "secret"), new PrivateKeyAuthenticationMethod("admin", keyFile)));
        Assert.Equal("both\n", client.RunCommand("echo both").Result);
    }

    [Fact]
    public async Task Shell_stream_interaction()
    {
        await using var server = new TestSshServer();
        using var client = await ConnectAsync(Connection(server, new PasswordAuthenticationMethod("admin", "secret")));
        using var shell = client.CreateShellStream("vt100", 120, 40, 0, 0, 4096);
        Assert.NotNull(shell.Expect("$ ", TimeSpan.FromSeconds(10)));
        shell.WriteLine("display clock");
        Assert.NotNull(shell.Expect("> display clock", TimeSpan.FromSeconds(10)));
        Assert.Equal("vt100 120x40", server.Handler.Sessions.Single() is { Terminal: { } t } ? $"{t.TermType} {t.Columns}x{t.Rows}" : "");
    }

    [Fact]
    public async Task More_than_a_megabyte_of_output_and_several_channels_at_once()
    {
        await using var server = new TestSshServer();
        using var client = await ConnectAsync(Connection(server, new PasswordAuthenticationMethod("admin", "secret")));
        var big = client.RunCommand("bytes 3000000").Result;
        Assert.Equal(3000000, big.Length);
        Assert.True(big.Select((c, i) => (byte)c == TestSessionHandler.PatternByte(i)).All(x => x));

        var commands = Enumerable.Range(0, 6).Select(i => client.CreateCommand($"bytes {200000 + i}")).ToList();
        await Task.WhenAll(commands.Select(c => c.ExecuteAsync(TestContext.Current.CancellationToken)));
        for (var i = 0; i < commands.Count; i++)
        {
            Assert.Equal(200000 + i, commands[i].Result.Length);
            commands[i].Dispose();
        }
    }

    [Fact]
    public async Task Rekeying_during_traffic_in_both_directions()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            RekeyAfterBytes = 64 * 1024,
        });
        using var client = await ConnectAsync(Connection(server, new PasswordAuthenticationMethod("admin", "secret")));
        Assert.Equal(1000000, client.RunCommand("bytes 1000000").Result.Length);

        using var shell = client.CreateShellStream("vt100", 80, 24, 0, 0, 65536);
        Assert.NotNull(shell.Expect("$ ", TimeSpan.FromSeconds(10)));
        var line = new string('x', 200);
        for (var i = 0; i < 1500; i++)
        {
            shell.WriteLine($"{i} {line}");
        }

        Assert.NotNull(shell.Expect($"> 1499 {line}", TimeSpan.FromSeconds(60)));
        Assert.Equal("after\n", client.RunCommand("echo after").Result);
    }
}
