using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>Strict key exchange, the Terrapin (CVE-2023-48795) countermeasure.</summary>
public class StrictKexTests
{
    private static readonly byte[] s_ignore = [MessageNumbers.Ignore, 0, 0, 0, 0];

    [Fact]
    public async Task Ignore_injected_before_newkeys_is_fatal_under_strict_kex()
    {
        var options = new TestClientOptions { BeforeNewKeys = client => client.WritePacketAsync(s_ignore).AsTask() };
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => TransportHarness.StartAsync(options));
        Assert.Contains("strict KEX violation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_names_the_violation_and_sends_disconnect()
    {
        var ct = TestContext.Current.CancellationToken;
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var server = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), ct);
        var options = new TestClientOptions { BeforeNewKeys = client => client.WritePacketAsync(s_ignore).AsTask() };
        await using var client = await SshTestClient.ConnectAsync(clientPipe, options, ct);
        var serverError = await Assert.ThrowsAsync<SshDisconnectException>(() => server);
        Assert.Equal(DisconnectReason.ProtocolError, serverError.Reason);
        Assert.Contains("strict KEX violation", serverError.Message, StringComparison.Ordinal);
        var (reason, description) = await client.ExpectDisconnectAsync(ct);
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Contains("strict KEX violation", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignore_before_kexinit_is_fatal_under_strict_kex()
    {
        var options = new TestClientOptions { BeforeKexInit = client => client.WritePacketAsync(s_ignore).AsTask() };
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => TransportHarness.StartAsync(options));
        Assert.Contains("KEXINIT was not the first packet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_strict_kex_ignore_is_tolerated_and_sequence_numbers_continue()
    {
        var options = new TestClientOptions
        {
            StrictKex = false,
            BeforeKexInit = client => client.WritePacketAsync(s_ignore).AsTask(),
            BeforeNewKeys = client => client.WritePacketAsync(s_ignore).AsTask(),
        };
        await using var harness = await TransportHarness.StartAsync(options);
        Assert.False(harness.Server.IsStrictKex);
        // KEXINIT, IGNORE x2, ECDH_INIT, NEWKEYS were sent unencrypted before: numbering goes on.
        Assert.Equal(5u, harness.Client.WriteSequence);
        await harness.AssertRoundTripAsync([94, 1, 2, 3]);
    }

    [Fact]
    public async Task Strict_kex_resets_sequence_numbers_after_newkeys()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions());
        Assert.True(harness.Server.IsStrictKex);
        Assert.Equal(0u, harness.Client.WriteSequence);
        await harness.AssertRoundTripAsync([94, 1, 2, 3]);
        Assert.Equal(0u, harness.Server.LastReceivedSequenceNumber);
    }
}
