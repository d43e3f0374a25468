using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>The real OpenSSH client against our server, once per algorithm the server offers and OpenSSH knows.</summary>
public class OpenSshInteropTests
{
    /// <summary>Algorithms of OpenSSH 9.2 (`ssh -Q`) that our catalog also supports, per ssh option.</summary>
    public static TheoryData<string, string> Algorithms()
    {
        var data = new TheoryData<string, string>();
        void Add(SshAlgorithmKind kind, string option, string[] openSsh)
        {
            foreach (var name in SshAlgorithmCatalog.Names(kind).Where(openSsh.Contains))
            {
                data.Add(option, name);
            }
        }

        Add(SshAlgorithmKind.KeyExchange, "KexAlgorithms",
        [
            "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
            "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "curve25519-sha256", "curve25519-sha256@libssh.org",
        ]);
        Add(SshAlgorithmKind.Cipher, "Ciphers",
        [
            "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
        ]);
        Add(SshAlgorithmKind.Mac, "MACs",
        [
            "hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5", "hmac-md5-96",
            "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
            "hmac-sha2-512-etm@openssh.com", "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com",
        ]);
        Add(SshAlgorithmKind.HostKey, "HostKeyAlgorithms",
            ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"]);
        Add(SshAlgorithmKind.Compression, "Compression", ["zlib@openssh.com", "zlib"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Exec_over_each_algorithm(string option, string algorithm)
    {
        await using var server = new TestSshServer();
        string[] options = option == "Compression"
            ? ["-o", "Compression=yes"]
            : ["-o", $"{option}={algorithm}"];

        // A MAC is only used with a non-AEAD cipher.
        if (option == "MACs")
        {
            options = [.. options, "-o", "Ciphers=aes128-ctr"];
        }

        var (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", options, "echo algorithm " + algorithm);
        Assert.True(exitCode == 0, $"ssh exit {exitCode}: {error}");
        Assert.Equal("algorithm " + algorithm + "\n", output);
    }

    [Fact]
    public async Task Exit_status_stderr_and_large_output_come_through()
    {
        await using var server = new TestSshServer();
        var (exitCode, _, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", [], "stderr broken pipe");
        Assert.Equal(1, exitCode);
        Assert.Equal("broken pipe\n", error);

        (exitCode, var output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", [], "bytes 3000000");
        Assert.True(exitCode == 0, error);
        Assert.Equal(3000000, output.Length);
        Assert.Equal(TestSessionHandler.PatternByte(2999999), (byte)output[^1]);

        (exitCode, _, _) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", [], "exit 7");
        Assert.Equal(7, exitCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        await using var server = new TestSshServer();
        var (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "wrong", [], "echo never");
        Assert.Equal(255, exitCode);
        Assert.Empty(output);
        Assert.Contains("Permission denied", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> KeyTypes() => new()
    {
        { "ed25519", "" },
        { "ecdsa", "256" },
        { "ecdsa", "384" },
        { "ecdsa", "521" },
        { "rsa", "2048" },
        { "dsa", "1024" },
    };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Public_key_made_by_ssh_keygen_logs_in(string type, string bits)
    {
        var keygen = ExternalTool.Require("ssh-keygen");
        var directory = Directory.CreateTempSubdirectory("ssh-interop-");
        try
        {
            var file = Path.Combine(directory.FullName, "id_" + type + bits);
            var args = new List<string> { "-q", "-t", type, "-N", "", "-f", file };
            if (bits.Length > 0)
            {
                args.AddRange(["-b", bits]);
            }

            var (code, _, keygenError) = await ExternalTool.RunAsync(keygen, args, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.True(code == 0, keygenError);
            var publicKey = Ssh.Keys.SshPublicKey.ParseLine(await File.ReadAllTextAsync(file + ".pub", TestContext.Current.CancellationToken));

            await using var server = new TestSshServer();
            server.Users.SetPolicy("admin", new AuthenticationPolicy(["publickey"], []));
            string[] options = type == "dsa"
                ? ["-o", "PubkeyAcceptedAlgorithms=+ssh-dss"]
                : [];
            var (exitCode, output, error) = await OpenSshClient.RunWithKeyAsync(server.Port, file, options, "whoami");
            Assert.Equal(255, exitCode);
            Assert.Contains("Permission denied", error, StringComparison.Ordinal);

            server.Users.AddKey("admin", publicKey.Blob.ToArray());
            (exitCode, output, error) = await OpenSshClient.RunWithKeyAsync(server.Port, file, options, "whoami");
            Assert.True(exitCode == 0, $"ssh exit {exitCode}: {error}");
            Assert.Equal("admin\n", output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Keyboard_interactive_password_prompt()
    {
        await using var server = new TestSshServer();
        server.Users.SetPolicy("admin", new AuthenticationPolicy(["keyboard-interactive"], []));
        var (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret",
            ["-o", "PreferredAuthentications=keyboard-interactive", "-o", "KbdInteractiveAuthentication=yes"], "echo kbd");
        Assert.True(exitCode == 0, $"ssh exit {exitCode}: {error}");
        Assert.Equal("kbd\n", output);
    }

    [Fact]
    public async Task Partial_success_password_then_publickey()
    {
        var keygen = ExternalTool.Require("ssh-keygen");
        var directory = Directory.CreateTempSubdirectory("ssh-interop-");
        try
        {
            var file = Path.Combine(directory.FullName, "id_ed25519");
            await ExternalTool.RunAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", file], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var publicKey = Ssh.Keys.SshPublicKey.ParseLine(await File.ReadAllTextAsync(file + ".pub", TestContext.Current.CancellationToken));
            await using var server = new TestSshServer();
            server.Users.SetPolicy("admin", new AuthenticationPolicy([], ["password", "publickey"])).AddKey("admin", publicKey.Blob.ToArray());
            var (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret",
                ["-o", "PreferredAuthentications=password,publickey", "-o", "PubkeyAuthentication=yes", "-o", "IdentitiesOnly=yes", "-i", file], "echo two factors");
            Assert.True(exitCode == 0, $"ssh exit {exitCode}: {error}");
            Assert.Equal("two factors\n", output);

            // The password alone is not enough.
            (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", [], "echo never");
            Assert.Equal(255, exitCode);
            Assert.Empty(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Client_initiated_rekeying_during_output()
    {
        await using var server = new TestSshServer();
        var (exitCode, output, error) = await OpenSshClient.RunWithPasswordAsync(server.Port, "secret", ["-o", "RekeyLimit=32K"], "bytes 2000000");
        Assert.True(exitCode == 0, $"ssh exit {exitCode}: {error}");
        Assert.Equal(2000000, output.Length);
    }
}
