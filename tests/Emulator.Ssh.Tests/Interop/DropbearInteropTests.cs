using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>
/// Dropbear's client (Debian dropbear-bin) against a <see cref="TestSshServer"/>. Dropbear always sends a guessed
/// first key-exchange packet (first_kex_packet_follows); the server's preferred kex differs from its guess, so the
/// server must drop the guess (RFC 4253 7).
/// </summary>
public class DropbearInteropTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(int port, string command, params string[] options)
    {
        var dbclient = ExternalTool.Require("dbclient");
        var home = Directory.CreateTempSubdirectory("dbclient-home-").FullName;
        try
        {
            // -y -y: no host key check (and no known_hosts write); DROPBEAR_PASSWORD answers the password prompt.
            var arguments = new List<string> { "-y", "-y", "-T", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            arguments.AddRange(options);
            arguments.AddRange(["admin@127.0.0.1", command]);
            return await ExternalTool.RunAsync(dbclient, arguments, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken,
                new Dictionary<string, string> { ["DROPBEAR_PASSWORD"] = "secret", ["HOME"] = home });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Dropbear_client_logs_in_and_runs_a_command()
    {
        await using var server = new TestSshServer();
        var (code, output, error) = await RunAsync(server.Port, "echo hello");
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal("hello\n", output);
    }

    [Theory]
    [InlineData("aes128-ctr", "hmac-sha2-256")]
    [InlineData("chacha20-poly1305@openssh.com", "hmac-sha2-256")]
    [InlineData("aes256-ctr", "hmac-sha1")]
    public async Task Dropbear_client_works_with_each_cipher(string cipher, string mac)
    {
        await using var server = new TestSshServer();
        var (code, output, error) = await RunAsync(server.Port, "whoami", "-c", cipher, "-m", mac);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal("admin\n", output);
    }
}
