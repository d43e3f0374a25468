using System.Security.Cryptography;
using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Tests.Transport;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>
/// Issue 20: group exchange accepted 1024-bit groups and ssh-rsa/ssh-dss user signatures even under a strict policy.
/// The SSH layer now takes both as options (<see cref="SshServerOptions.MinimumGroupExchangeBits"/>,
/// <see cref="SshServerOptions.UserSignatureAlgorithms"/>) for a policy to set.
/// </summary>
public class StrictPolicyKnobTests
{
    private static TransportSettings WithMinimumGroupBits(int bits) => TransportHarness.Settings() with { MinimumGroupExchangeBits = bits };

    [Fact]
    public async Task Group_exchange_refuses_groups_below_the_minimum()
    {
        var options = new TestClientOptions { Kex = "diffie-hellman-group-exchange-sha256", GroupExchange = new ClientKex.GexRequest(1024, 1024, 1024) };
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => TransportHarness.StartAsync(options, WithMinimumGroupBits(2048)));
        Assert.Contains("no DH group", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024u, 1024u, 2048u, false)]
    [InlineData(0u, 1024u, 0u, true)]
    public async Task Group_exchange_raises_small_requests_to_the_minimum(uint min, uint n, uint max, bool old)
    {
        var options = new TestClientOptions { Kex = "diffie-hellman-group-exchange-sha256", GroupExchange = new ClientKex.GexRequest(min, n, max, old) };
        await using var harness = await TransportHarness.StartAsync(options, WithMinimumGroupBits(2048));
        Assert.Equal(2048, harness.Client.GroupBits);
    }

    [Fact]
    public void Server_options_carry_the_group_minimum_and_signature_list_to_the_transport()
    {
        var settings = TransportSettings.From(new SshServerOptions
        {
            HostKeys = TestHostKeys.All,
            Authenticator = new TestUsers(),
            Sessions = new TestSessionHandler(),
            MinimumGroupExchangeBits = 3072,
            UserSignatureAlgorithms = ["ssh-ed25519", "rsa-sha2-256"],
        });
        Assert.Equal(3072, settings.MinimumGroupExchangeBits);
        Assert.Equal(["ssh-ed25519", "rsa-sha2-256"], settings.ServerSignatureAlgorithms);
    }

    [Fact]
    public async Task Ssh_rsa_user_signatures_are_refused_when_not_listed()
    {
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            AuthenticationFailureDelay = TimeSpan.Zero,
            UserSignatureAlgorithms = ["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"],
        });
        var rsaKey = new TestPeer.Builder().String("ssh-rsa").String(new byte[] { 1, 0, 1 }).String(RandomNumberGenerator.GetBytes(256)).ToArray();
        harness.Users.AddKey("admin", rsaKey);
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);

        // The same key: SHA-1 "ssh-rsa" is refused, "rsa-sha2-256" is accepted for signing.
        peer.SendPublicKey("admin", "ssh-rsa", rsaKey, null);
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        peer.SendPublicKey("admin", "rsa-sha2-256", rsaKey, null);
        await peer.ExpectAsync(MessageNumbers.UserAuthPkOk);
    }
}
