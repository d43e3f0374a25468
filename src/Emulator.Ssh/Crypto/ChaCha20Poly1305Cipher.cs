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
/// block 0; body from block 1; tag over encrypted length and body. The keystream and tag come from libsodium where it
/// loads (about ten times faster: <see cref="LibSodium"/>), from BouncyCastle otherwise; the bytes are the same.
/// </summary>
internal sealed class ChaCha20Poly1305Cipher : IPacketCipher
{
    private const int Tag = 16;
    private const int PolyKeySize = 32;
    private readonly LibSodium? _sodium;
    private readonly byte[] _key;
    private readonly byte[] _nonce = new byte[8];

    // BouncyCastle only: ChaCha7539 with a 12-byte nonce whose first 4 bytes stay zero is the original cipher for
    // fewer than 2^32 blocks (a packet is far shorter).
    private readonly ChaCha7539Engine? _main;
    private readonly byte[]? _nonce12;

    public ChaCha20Poly1305Cipher(ReadOnlySpan<byte> key)
        : this(key, LibSodium.Instance)
    {
    }

    /// <summary>The same with the implementation chosen by the caller (null: BouncyCastle), for tests.</summary>
    internal ChaCha20Poly1305Cipher(ReadOnlySpan<byte> key, LibSodium? sodium)
    {
        _key = key[..64].ToArray();
        _sodium = sodium;
        if (sodium is null)
        {
            _main = new ChaCha7539Engine();
            _nonce12 = new byte[12];
        }
    }

    public int BlockSize => 8;

    public int TagLength => Tag;

    public bool AlignIncludesLength => false;

    public int LengthFieldBytes => 4;

    public bool HidesFramingErrors => false;

    private ReadOnlySpan<byte> BodyKey => _key.AsSpan(0, 32);

    private ReadOnlySpan<byte> LengthKey => _key.AsSpan(32, 32);

    public uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head)
    {
        Span<byte> length = stackalloc byte[4];
        SetNonce(sequenceNumber);
        Xor(LengthKey, 0, head[..4], length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    public void Open(uint sequenceNumber, Span<byte> packet)
    {
        Span<byte> polyKey = stackalloc byte[PolyKeySize];
        Span<byte> expected = stackalloc byte[Tag];
        SetNonce(sequenceNumber);
        StartBody(polyKey);
        ComputeTag(polyKey, packet[..^Tag], expected);
        CryptographicOperations.ZeroMemory(polyKey);
        if (!CryptographicOperations.FixedTimeEquals(expected, packet[^Tag..]))
        {
            throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect");
        }

        Xor(LengthKey, 0, packet[..4], packet[..4]);
        XorBody(packet[4..^Tag]);
    }

    public void Seal(uint sequenceNumber, Span<byte> packet)
    {
        Span<byte> polyKey = stackalloc byte[PolyKeySize];
        SetNonce(sequenceNumber);
        StartBody(polyKey);
        Xor(LengthKey, 0, packet[..4], packet[..4]);
        XorBody(packet[4..^Tag]);
        ComputeTag(polyKey, packet[..^Tag], packet[^Tag..]);
        CryptographicOperations.ZeroMemory(polyKey);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    private void SetNonce(uint sequenceNumber)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_nonce, sequenceNumber);
        if (_nonce12 is not null)
        {
            _nonce.CopyTo(_nonce12.AsSpan(4));
        }
    }

    /// <summary>XORs with the keystream of <paramref name="key"/> from <paramref name="block"/> (0 or 1) for this packet's nonce.</summary>
    private void Xor(ReadOnlySpan<byte> key, int block, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (_sodium is not null)
        {
            _sodium.ChaCha20Xor(key, _nonce, (ulong)block, input, output);
            return;
        }

        // Only the length is ciphered this way on the BouncyCastle path (block 0); the body continues StartBody's stream.
        var engine = new ChaCha7539Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), _nonce12));
        engine.ProcessBytes(input, output);
    }

    /// <summary>The Poly1305 key (block 0 of the body keystream); the body then starts at block 1.</summary>
    private void StartBody(Span<byte> polyKey)
    {
        polyKey.Clear();
        if (_sodium is not null)
        {
            _sodium.ChaCha20Xor(BodyKey, _nonce, 0, polyKey, polyKey);
            return;
        }

        Span<byte> block0 = stackalloc byte[64];
        block0.Clear();
        _main!.Init(true, new ParametersWithIV(new KeyParameter(BodyKey), _nonce12));
        _main.ProcessBytes(block0, block0);
        block0[..PolyKeySize].CopyTo(polyKey);
        CryptographicOperations.ZeroMemory(block0);
    }

    private void XorBody(Span<byte> body)
    {
        if (_sodium is not null)
        {
            _sodium.ChaCha20Xor(BodyKey, _nonce, 1, body, body);
        }
        else
        {
            _main!.ProcessBytes(body, body);
        }
    }

    private void ComputeTag(ReadOnlySpan<byte> polyKey, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        if (_sodium is not null)
        {
            _sodium.Poly1305(polyKey, data, tag);
            return;
        }

        var poly = new Poly1305();
        poly.Init(new KeyParameter(polyKey));
        poly.BlockUpdate(data);
        poly.DoFinal(tag);
    }
}
