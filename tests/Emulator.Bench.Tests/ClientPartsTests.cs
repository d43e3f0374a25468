using System.Buffers.Binary;
using Emulator.Bench.Client;
using Emulator.Bench.Load;

namespace Emulator.Bench.Tests;

public sealed class ClientPartsTests
{
    [Fact]
    public void Percentiles_use_nearest_rank()
    {
        var p = Percentiles.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(100, p.Count);
        Assert.Equal(50, p.P50);
        Assert.Equal(90, p.P90);
        Assert.Equal(99, p.P99);
        Assert.Equal(100, p.Max);
        Assert.Equal(50.5, p.Mean);
    }

    [Fact]
    public void Percentiles_of_nothing_are_zero()
    {
        var p = Percentiles.Of([]);

        Assert.Equal(0, p.Count);
        Assert.Equal(0, p.P99);
    }

    [Fact]
    public void Aes_gcm_packets_open_in_order_and_a_flipped_bit_is_rejected()
    {
        byte[] key = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
        byte[] iv = [.. Enumerable.Range(100, 12).Select(i => (byte)i)];
        using var sender = new AesGcmCipher(key, iv);
        using var receiver = new AesGcmCipher(key, iv);

        for (int n = 0; n < 3; n++)
        {
            var packet = new byte[4 + 32];
            BinaryPrimitives.WriteUInt32BigEndian(packet, 32);
            packet[4] = 10;
            packet[5] = (byte)(94 + n);
            var tag = new byte[16];
            sender.Seal(packet, tag);
            Assert.NotEqual(94 + n, packet[5]);

            receiver.Open(packet, tag);
            Assert.Equal(94 + n, packet[5]);
        }

        var tampered = new byte[4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(tampered, 32);
        var tamperedTag = new byte[16];
        sender.Seal(tampered, tamperedTag);
        tampered[20] ^= 1;
        Assert.Throws<SshClientException>(() => receiver.Open(tampered, tamperedTag));
    }

    [Fact]
    public void Mpint_strips_leading_zeros_and_pads_a_high_bit()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 2, 0, 0x80 }, new WireWriter().Mpint([0, 0, 0x80]).Written.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0x7f }, new WireWriter().Mpint([0, 0x7f]).Written.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, new WireWriter().Mpint([0, 0]).Written.ToArray());
    }
}
