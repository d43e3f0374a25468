using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>
/// Issue 20, CBC with an encrypt-and-MAC MAC leaks the packet length (CVE-2008-5161 class): a forged first block
/// must get the same answer, after the same number of bytes, whether its length decrypts to a bad value or a good one,
/// and the DISCONNECT must not quote the length.
/// </summary>
public class CbcLengthOracleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum Forgery
    {
        /// <summary>A random first block: its length decrypts to garbage (out of range).</summary>
        BadLength,

        /// <summary>A real packet with its last MAC byte flipped: a plausible length, then a MAC failure.</summary>
        GoodLengthBadMac,
    }

    [Theory]
    [InlineData(Forgery.BadLength, "aes128-cbc", "hmac-sha2-256")]
    [InlineData(Forgery.GoodLengthBadMac, "aes128-cbc", "hmac-sha2-256")]
    [InlineData(Forgery.BadLength, "3des-cbc", "hmac-sha1")]
    public async Task Cbc_with_encrypt_and_mac_answers_a_forged_packet_only_after_the_discard_length(Forgery forgery, string cipher, string mac)
    {
        var relay = new CorruptingRelay(Ct);
        var toClient = new System.IO.Pipelines.Pipe();
        var serverTask = SshTransport.AcceptAsync(new InMemoryDuplexPipe(relay.Reader, toClient.Writer), TransportHarness.Settings(), Ct);
        await using var client = await SshTestClient.ConnectAsync(new InMemoryDuplexPipe(toClient.Reader, relay.Writer), new TestClientOptions { Cipher = cipher, Mac = mac }, Ct);
        await using var server = await serverTask;
        await client.WritePacketAsync(new byte[] { 94, 1, 2, 3 }, Ct);
        Assert.Equal([94, 1, 2, 3], (await server.ReadPacketAsync(Ct)).ToArray());

        int sent;
        if (forgery == Forgery.BadLength)
        {
            var block = new byte[16];
            new Random(20).NextBytes(block);
            await client.WriteRawAsync(block, Ct);
            sent = block.Length;
        }
        else
        {
            // IGNORE with a 4-byte string: 9 payload bytes, 18 padding, length 28; 4 + 28 + 32 MAC bytes on the wire.
            sent = 64;
            relay.CorruptAfter(sent - 1);
            await client.WritePacketAsync(new byte[] { 2, 0, 0, 0, 4, 1, 2, 3, 4 }, Ct);
        }

        var reading = server.ReadPacketAsync(Ct).AsTask();

        // Not awaited alone: a server that stopped reading would hold the write forever.
        var filling = client.WriteRawAsync(new byte[SshPacketStream.DiscardLength - sent - 1], Ct).AsTask();
        await Task.WhenAny(filling, reading).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(300, Ct);
        Assert.False(reading.IsCompleted, "answered before the discard length: the reaction depends on the forged length");

        await filling;
        await client.WriteRawAsync(new byte[1], Ct);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(DisconnectReason.MacError, error.Reason);
        Assert.DoesNotContain("length", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", error.Message);
    }

    [Theory]
    [InlineData("aes128-cbc", "hmac-sha2-256-etm@openssh.com")]
    [InlineData("aes128-ctr", "hmac-sha2-256")]
    public async Task Etm_and_ctr_still_reject_a_bad_length_at_once(string cipher, string mac)
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Cipher = cipher, Mac = mac });
        var block = new byte[16];
        new Random(20).NextBytes(block);
        block[0] = 0x7f;
        await harness.Client.WriteRawAsync(block, Ct);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => harness.Server.ReadPacketAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(DisconnectReason.ProtocolError, error.Reason);
    }
}
