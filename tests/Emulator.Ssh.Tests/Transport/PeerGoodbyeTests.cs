using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>The usual end of a session reaches the connection layer as an empty payload, not as an exception.</summary>
public sealed class PeerGoodbyeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_disconnect_message_is_an_empty_payload_with_its_reason()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClient.TestClientOptions());
        await harness.Client.SendAsync(MessageNumbers.ServiceRequest, w => w.WriteString("ssh-userauth"), Ct);
        Assert.Equal(MessageNumbers.ServiceRequest, (await harness.Server.ReadPacketOrEndAsync(Ct)).Span[0]);
        Assert.Null(harness.Server.PeerGoodbye);

        await harness.Client.SendAsync(MessageNumbers.Disconnect, w => { w.WriteUInt32(11); w.WriteString("disconnected by user"); w.WriteString(""); }, Ct);
        Assert.True((await harness.Server.ReadPacketOrEndAsync(Ct)).IsEmpty);
        Assert.Equal("peer disconnected (11): disconnected by user", harness.Server.PeerGoodbye);
    }

    [Fact]
    public async Task Closing_the_connection_between_packets_is_an_empty_payload()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClient.TestClientOptions());
        await harness.Client.DisposeAsync();
        Assert.True((await harness.Server.ReadPacketOrEndAsync(Ct)).IsEmpty);
        Assert.Equal("connection closed by peer", harness.Server.PeerGoodbye);

        // The throwing read keeps its contract for the layers that want it.
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => harness.Server.ReadPacketAsync(Ct).AsTask());
        Assert.True(error.ByPeer);
    }

    [Fact]
    public async Task A_protocol_error_still_throws()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClient.TestClientOptions());
        await harness.Client.WritePacketAsync(new byte[] { MessageNumbers.NewKeys }, Ct);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => harness.Server.ReadPacketOrEndAsync(Ct).AsTask());
        Assert.Equal(DisconnectReason.ProtocolError, error.Reason);
    }
}
