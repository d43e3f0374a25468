using System.Buffers.Binary;
using System.Security.Cryptography;
using Emulator.Ssh.Transport;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305): 64 bytes of key; the second 32 (K_1)
/// encrypt the length, the first 32 (K_2) the body; nonce = sequence number; Poly1305 key = K_2 keystream
/// block 0; body from block 1; tag over encrypted length and body.
/// </summary>
internal sealed class ChaCha20Poly1305Cipher : IPacketCipher
{
    private const int Tag = 16;
    private readonly KeyParameter _mainKey;
    private readonly KeyParameter _lengthKey;
    private readonly ChaCha7539Engine _main = new();
    private readonly ChaCha7539Engine _length = new();
    private readonly Poly1305 _poly = new();
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _block = new byte[64];

    public ChaCha20Poly1305Cipher(ReadOnlySpan<byte> key)
    {
        _mainKey = new KeyParameter(key[..32]);
        _lengthKey = new KeyParameter(key[32..64]);
    }

    public int BlockSize => 8;

    public int TagLength => Tag;

    public bool AlignIncludesLength => false;

    public int LengthFieldBytes => 4;

    public bool HidesFramingErrors => false;

    public uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head)
    {
        Span<byte> length = stackalloc byte[4];
        SetNonce(sequenceNumber);
        _length.Init(false, new ParametersWithIV(_lengthKey, _nonce));
        _length.ProcessBytes(head[..4], length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    public void Open(uint sequenceNumber, Span<byte> packet)
    {
        var covered = packet[..^Tag];
        Span<byte> expected = stackalloc byte[Tag];
        StartPacket(sequenceNumber);
        _poly.BlockUpdate(covered);
        _poly.DoFinal(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, packet[^Tag..]))
        {
            throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect");
        }

        _length.Init(false, new ParametersWithIV(_lengthKey, _nonce));
        _length.ProcessBytes(packet[..4], packet[..4]);
        _main.ProcessBytes(packet[4..^Tag], packet[4..^Tag]);
    }

    public void Seal(uint sequenceNumber, Span<byte> packet)
    {
        StartPacket(sequenceNumber);
        _length.Init(true, new ParametersWithIV(_lengthKey, _nonce));
        _length.ProcessBytes(packet[..4], packet[..4]);
        _main.ProcessBytes(packet[4..^Tag], packet[4..^Tag]);
        _poly.BlockUpdate(packet[..^Tag]);
        _poly.DoFinal(packet[^Tag..]);
    }

    /// <summary>Keys the body cipher for this sequence number, takes the Poly1305 key from block 0 and leaves the counter at block 1.</summary>
    private void StartPacket(uint sequenceNumber)
    {
        SetNonce(sequenceNumber);
        _main.Init(true, new ParametersWithIV(_mainKey, _nonce));
        Array.Clear(_block);
        _main.ProcessBytes(_block, _block);
        _poly.Init(new KeyParameter(_block.AsSpan(0, 32)));
    }

    private void SetNonce(uint sequenceNumber) => BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), sequenceNumber);

    public void Dispose() => Array.Clear(_block);
}
