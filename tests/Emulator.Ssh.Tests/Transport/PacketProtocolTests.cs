using System.Buffers;
using System.Buffers.Binary;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Transport;

public class PacketProtocolTests
{
    public static TheoryData<string, string> CipherMacPairs => new()
    {
        { "chacha20-poly1305@openssh.com", "hmac-sha2-256" },
        { "aes128-gcm@openssh.com", "hmac-sha2-256" },
        { "aes256-gcm@openssh.com", "hmac-sha2-256" },
        { "aes128-ctr", "hmac-sha2-256" },
        { "aes256-ctr", "hmac-sha2-512-etm@openssh.com" },
        { "aes192-cbc", "hmac-sha1" },
        { "3des-cbc", "hmac-md5-96" },
    };

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public async Task A_flipped_bit_is_a_mac_error_for_every_cipher(string cipher, string mac)
    {
        var ct = TestContext.Current.CancellationToken;
        var relay = new CorruptingRelay(ct);
        var toClient = new System.IO.Pipelines.Pipe();
        var serverPipe = new InMemoryDuplexPipe(relay.Reader, toClient.Writer);
        var clientPipe = new InMemoryDuplexPipe(toClient.Reader, relay.Writer);
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), ct);
        await using var client = await SshTestClient.ConnectAsync(clientPipe, new TestClientOptions { Cipher = cipher, Mac = mac }, ct);
        await using var server = await serverTask;
        await client.WritePacketAsync(new byte[] { 94, 1, 2, 3 }, ct);
        Assert.Equal([94, 1, 2, 3], (await server.ReadPacketAsync(ct)).ToArray());
        relay.CorruptAfter(20);
        await client.WritePacketAsync(new byte[64], ct);
        var reading = server.ReadPacketAsync(ct).AsTask();
        if (cipher.EndsWith("-cbc", StringComparison.Ordinal) && !mac.EndsWith("-etm@openssh.com", StringComparison.Ordinal))
        {
            // CBC + encrypt-and-MAC answers a bad MAC only after a fixed byte count (CVE-2008-5161 countermeasure).
            await client.WriteRawAsync(new byte[SshPacketStream.DiscardLength], ct);
        }

        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => reading);
        Assert.Equal(DisconnectReason.MacError, error.Reason);
        await server.DisconnectAsync(error.Reason, error.Message, ct);
        var (reason, _) = await client.ExpectDisconnectAsync(ct);
        Assert.Equal(DisconnectReason.MacError, reason);
    }

    private static async Task<SshDisconnectException> ReadRawAsync(byte[] wire)
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = InMemoryDuplexPipe.CreatePair();
        await using var reader = new SshPacketStream(a);
        await b.Output.WriteAsync(wire, ct);
        await b.Output.CompleteAsync();
        return await Assert.ThrowsAsync<SshDisconnectException>(() => reader.ReadAsync(ct).AsTask());
    }

    private static byte[] Packet(uint length, byte padding, int totalBytes)
    {
        var wire = new byte[totalBytes];
        BinaryPrimitives.WriteUInt32BigEndian(wire, length);
        wire[4] = padding;
        return wire;
    }

    [Fact]
    public async Task Oversized_length_is_rejected_before_buffering()
    {
        var error = await ReadRawAsync(Packet(256 * 1024 + 8, 4, 16));
        Assert.Contains("bad packet length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Length_off_the_block_size_is_rejected()
    {
        var error = await ReadRawAsync(Packet(13, 4, 17));
        Assert.Contains("block size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(255)]
    public async Task Bad_padding_is_rejected(byte padding)
    {
        var error = await ReadRawAsync(Packet(12, padding, 16));
        Assert.Contains("padding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_packet_is_connection_lost()
    {
        var error = await ReadRawAsync(Packet(28, 4, 20));
        Assert.Equal(DisconnectReason.ConnectionLost, error.Reason);
        Assert.Contains("middle of a packet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packets_split_across_many_writes_are_reassembled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = InMemoryDuplexPipe.CreatePair();
        await using var reader = new SshPacketStream(a);
        var capture = new System.IO.Pipelines.Pipe();
        await using var framer = new SshPacketStream(new InMemoryDuplexPipe(new System.IO.Pipelines.Pipe().Reader, capture.Writer));
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await framer.WriteAsync(payload, ct);
        var framed = (await capture.Reader.ReadAsync(ct)).Buffer.ToArray();
        for (var i = 0; i < framed.Length; i += 7)
        {
            await b.Output.WriteAsync(framed.AsMemory(i, Math.Min(7, framed.Length - i)), ct);
        }

        Assert.Equal(payload, (await reader.ReadAsync(ct)).ToArray());
        Assert.Equal(0, framed.Length % 8);
    }
    [Fact]
    public async Task Waiting_for_the_next_packet_holds_no_read_buffer()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = InMemoryDuplexPipe.CreatePair();
        await using var reader = new SshPacketStream(a);
        var capture = new System.IO.Pipelines.Pipe();
        await using var framer = new SshPacketStream(new InMemoryDuplexPipe(new System.IO.Pipelines.Pipe().Reader, capture.Writer));
        await framer.WriteAsync(new byte[] { 2, 1, 2, 3 }, ct);
        await framer.WriteAsync(new byte[] { 2, 4, 5, 6 }, ct);
        var framed = (await capture.Reader.ReadAsync(ct)).Buffer.ToArray();
        var half = framed.Length / 2;
        await b.Output.WriteAsync(framed.AsMemory(0, half), ct);

        // The payload lives in the read buffer until the next call...
        Assert.Equal(new byte[] { 2, 1, 2, 3 }, (await reader.ReadAsync(ct)).ToArray());
        Assert.True(reader.HoldsReadBuffer);

        // ...which gives it back while it waits, and takes one again for the next packet.
        var next = reader.ReadAsync(ct).AsTask();
        await Task.Delay(50, ct);
        Assert.False(next.IsCompleted);
        Assert.False(reader.HoldsReadBuffer);
        await b.Output.WriteAsync(framed.AsMemory(half), ct);
        Assert.Equal(new byte[] { 2, 4, 5, 6 }, (await next).ToArray());
    }
}
