using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Emulator.Bench.Client;

/// <summary>Seals and opens binary packets in place. A packet here is <c>uint32 length || padding_length || payload || padding</c>.</summary>
internal interface IPacketCipher : IDisposable
{
    /// <summary>Block size the padded length must be a multiple of.</summary>
    int BlockSize { get; }

    /// <summary>Bytes of authentication tag or MAC after each packet.</summary>
    int TagSize { get; }

    /// <summary>True when the whole packet including the length field must be block-aligned (plain, CBC/CTR); false for AEAD ciphers that leave the length in clear.</summary>
    bool AlignsLengthField { get; }

    void Seal(Span<byte> packet, Span<byte> tag);

    void Open(Span<byte> packet, ReadOnlySpan<byte> tag);
}

/// <summary>Before the first NEWKEYS: no encryption, no MAC.</summary>
internal sealed class PlainCipher : IPacketCipher
{
    public static PlainCipher Instance { get; } = new();

    public int BlockSize => 8;

    public int TagSize => 0;

    public bool AlignsLengthField => true;

    public void Seal(Span<byte> packet, Span<byte> tag) { }

    public void Open(Span<byte> packet, ReadOnlySpan<byte> tag) { }

    public void Dispose() { }
}

/// <summary>aes128-gcm@openssh.com / aes256-gcm@openssh.com (RFC 5647 as OpenSSH does it): the length is additional data,
/// the nonce is a 4-byte fixed field plus a 64-bit invocation counter incremented per packet.</summary>
internal sealed class AesGcmCipher : IPacketCipher
{
    private readonly AesGcm _aes;
    private readonly byte[] _nonce = new byte[12];

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _aes = new AesGcm(key, 16);
        iv[..12].CopyTo(_nonce);
    }

    public int BlockSize => 16;

    public int TagSize => 16;

    public bool AlignsLengthField => false;

    public void Seal(Span<byte> packet, Span<byte> tag)
    {
        var body = packet[4..];
        _aes.Encrypt(_nonce, body, body, tag, packet[..4]);
        Increment();
    }

    public void Open(Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        var body = packet[4..];
        try
        {
            _aes.Decrypt(_nonce, body, tag, body, packet[..4]);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SshClientException("packet authentication failed (aes-gcm tag mismatch)", ex);
        }

        Increment();
    }

    private void Increment()
    {
        var counter = _nonce.AsSpan(4);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }

    public void Dispose() => _aes.Dispose();
}
