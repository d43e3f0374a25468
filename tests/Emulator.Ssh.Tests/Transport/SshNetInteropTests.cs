using Emulator.Ssh.Tests.TestClient;
using Renci.SshNet;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>The transport against SSH.NET (in process), which also speaks mlkem768x25519-sha256.</summary>
public class SshNetInteropTests
{
    [Theory]
    [InlineData("mlkem768x25519-sha256", "aes256-gcm@openssh.com")]
    [InlineData("curve25519-sha256", "chacha20-poly1305@openssh.com")]
    [InlineData("ecdh-sha2-nistp521", "aes128-ctr")]
    [InlineData("diffie-hellman-group-exchange-sha256", "aes256-cbc")]
    [InlineData("diffie-hellman-group14-sha1", "3des-cbc")]
    public async Task Ssh_net_connects_with(string kex, string cipher)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new TransportTcpServer(TransportHarness.Settings());
        var info = new ConnectionInfo("127.0.0.1", server.Port, "tester", new NoneAuthenticationMethod("tester"));
        foreach (var name in info.KeyExchangeAlgorithms.Keys.Where(k => k != kex).ToList())
        {
            info.KeyExchangeAlgorithms.Remove(name);
        }

        foreach (var name in info.Encryptions.Keys.Where(k => k != cipher).ToList())
        {
            info.Encryptions.Remove(name);
        }

        using var client = new SshClient(info);
        await client.ConnectAsync(ct);
        Assert.True(client.IsConnected);
        Assert.Equal(kex, client.ConnectionInfo.CurrentKeyExchangeAlgorithm);
        Assert.Equal(cipher, client.ConnectionInfo.CurrentServerEncryption);
        client.Disconnect();
    }
}
