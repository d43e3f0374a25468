using System.Buffers.Binary;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// A plain block cipher (CTR/CBC) with a separate HMAC: encrypt-and-MAC (MAC over the plaintext packet,
/// length encrypted) or encrypt-then-MAC (length clear, MAC over the ciphertext).
/// </summary>
internal sealed class BlockCipherWithMac : IPacketCipher
{
    private readonly IBlockMode _mode;
    private readonly HmacAlgorithm _mac;

    public BlockCipherWithMac(IBlockMode mode, HmacAlgorithm mac)
    {
        _mode = mode;
        _mac = mac;
    }

    public int BlockSize => Math.Max(8, _mode.BlockSize);

    public int TagLength => _mac.MacLength;

    public bool AlignIncludesLength => !_mac.EncryptThenMac;

    public int LengthFieldBytes => _mac.EncryptThenMac ? 4 : _mode.BlockSize;

    public bool HidesFramingErrors => _mode is CbcMode && !_mac.EncryptThenMac;

    public uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head)
    {
        if (_mac.EncryptThenMac)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(head);
        }

        Span<byte> block = stackalloc byte[_mode.BlockSize];
        _mode.PeekDecrypt(head, block);
        return BinaryPrimitives.ReadUInt32BigEndian(block);
    }

    public void Open(uint sequenceNumber, Span<byte> packet)
    {
        var tag = packet[^TagLength..];
        if (_mac.EncryptThenMac)
        {
            if (!_mac.Verify(sequenceNumber, packet[..^TagLength], tag))
            {
                throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect");
            }

            _mode.Transform(packet[4..^TagLength]);
            return;
        }

        _mode.Transform(packet[..^TagLength]);
        if (!_mac.Verify(sequenceNumber, packet[..^TagLength], tag))
        {
            throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect");
        }
    }

    public void Seal(uint sequenceNumber, Span<byte> packet)
    {
        var tag = packet[^TagLength..];
        if (_mac.EncryptThenMac)
        {
            _mode.Transform(packet[4..^TagLength]);
            _mac.Compute(sequenceNumber, packet[..^TagLength], tag);
            return;
        }

        _mac.Compute(sequenceNumber, packet[..^TagLength], tag);
        _mode.Transform(packet[..^TagLength]);
    }

    public void Dispose()
    {
        _mode.Dispose();
        _mac.Dispose();
    }
}
