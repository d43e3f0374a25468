using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>The transport against real OpenSSH tools over TCP on 127.0.0.1.</summary>
public class OpenSshInteropTests
{
    [Fact]
    public async Task Ssh_keyscan_fetches_every_host_key_type()
    {
        var keyscan = ExternalTool.Require("ssh-keyscan");
        var ct = TestContext.Current.CancellationToken;
        // Key generation (DSA parameters, RSA primes) can take seconds on a loaded machine: keep it out of keyscan's timeout.
        foreach (var type in TestHostKeys.AllTypes)
        {
            TestHostKeys.Get(type);
        }

        await using var server = new TransportTcpServer(TransportHarness.Settings());
        var (code, output, error) = await ExternalTool.RunAsync(keyscan,
            ["-T", "20", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "rsa,ecdsa,ed25519,dsa", "127.0.0.1"],
            TimeSpan.FromSeconds(90), ct);
        Assert.True(code == 0, $"{error}\nserver: {string.Join(" | ", server.Errors)}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        foreach (var keyType in new[] { "ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-dss" })
        {
            var expected = $"[127.0.0.1]:{server.Port} {TestHostKeys.Get(keyType).PublicKeyLine}";
            Assert.True(lines.Contains(expected), $"missing {keyType} in:\n{output}\n{error}\nserver: {string.Join(" | ", server.Errors)}");
        }
    }

    public static TheoryData<string, string, string, string> ClientAlgorithms => new()
    {
        // kex, cipher, MAC, compression
        { "curve25519-sha256", "chacha20-poly1305@openssh.com", "hmac-sha2-256-etm@openssh.com", "no" },
        { "curve25519-sha256@libssh.org", "aes128-gcm@openssh.com", "hmac-sha2-256", "yes" },
        { "ecdh-sha2-nistp256", "aes256-gcm@openssh.com", "hmac-sha2-512", "no" },
        { "ecdh-sha2-nistp384", "aes128-ctr", "hmac-sha2-256-etm@openssh.com", "no" },
        { "ecdh-sha2-nistp521", "aes192-ctr", "hmac-sha2-512-etm@openssh.com", "yes" },
        { "diffie-hellman-group-exchange-sha256", "aes256-ctr", "hmac-sha1", "no" },
        { "diffie-hellman-group16-sha512", "aes128-cbc", "hmac-sha1-etm@openssh.com", "no" },
        { "diffie-hellman-group18-sha512", "aes192-cbc", "hmac-sha2-256", "no" },
        { "diffie-hellman-group14-sha256", "aes256-cbc", "hmac-sha1-96", "no" },
        { "diffie-hellman-group14-sha1", "3des-cbc", "hmac-md5", "no" },
        { "diffie-hellman-group-exchange-sha1", "aes128-ctr", "hmac-md5-96", "no" },
        { "diffie-hellman-group1-sha1", "aes128-ctr", "hmac-sha2-256", "yes" },
    };

    [Theory]
    [MemberData(nameof(ClientAlgorithms))]
    public async Task OpenSsh_client_completes_kex_and_userauth_with(string kex, string cipher, string mac, string compression)
    {
        var ssh = ExternalTool.Require("ssh");
        var ct = TestContext.Current.CancellationToken;
        await using var server = new TransportTcpServer(TransportHarness.Settings());
        var (_, _, error) = await ExternalTool.RunAsync(ssh,
        [
            "-vv", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "KexAlgorithms=" + kex, "-o", "Ciphers=" + cipher, "-o", "MACs=" + mac, "-o", "Compression=" + compression,
            "-o", "HostKeyAlgorithms=ssh-ed25519", "-o", "ConnectTimeout=20", "-F", "/dev/null",
            "tester@127.0.0.1", "true",
        ], TimeSpan.FromSeconds(90), ct);
        var diagnostics = $"server: {string.Join(" | ", server.Errors)}\n{error}";
        Assert.True(error.Contains($"kex: algorithm: {kex}", StringComparison.Ordinal), diagnostics);
        Assert.True(error.Contains($"kex: client->server cipher: {cipher}", StringComparison.Ordinal), diagnostics);
        Assert.True(error.Contains("Authenticated to 127.0.0.1", StringComparison.Ordinal), diagnostics);
        Assert.True(error.Contains("open failed", StringComparison.Ordinal), diagnostics);
        if (compression == "yes")
        {
            Assert.True(error.Contains("Enabling compression", StringComparison.Ordinal), diagnostics);
        }
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp384")]
    [InlineData("ecdsa-sha2-nistp521")]
    [InlineData("rsa-sha2-512")]
    [InlineData("rsa-sha2-256")]
    [InlineData("ssh-rsa")]
    [InlineData("ssh-dss")]
    public async Task OpenSsh_client_verifies_host_key_algorithm(string hostKeyAlgorithm)
    {
        var ssh = ExternalTool.Require("ssh");
        var ct = TestContext.Current.CancellationToken;
        await using var server = new TransportTcpServer(TransportHarness.Settings());
        var (_, _, error) = await ExternalTool.RunAsync(ssh,
        [
            "-vv", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "HostKeyAlgorithms=" + hostKeyAlgorithm, "-o", "ConnectTimeout=20", "-F", "/dev/null",
            "tester@127.0.0.1", "true",
        ], TimeSpan.FromSeconds(90), ct);
        var diagnostics = $"server: {string.Join(" | ", server.Errors)}\n{error}";
        Assert.True(error.Contains($"kex: host key algorithm: {hostKeyAlgorithm}", StringComparison.Ordinal), diagnostics);
        Assert.True(error.Contains("Authenticated to 127.0.0.1", StringComparison.Ordinal), diagnostics);
    }
}
