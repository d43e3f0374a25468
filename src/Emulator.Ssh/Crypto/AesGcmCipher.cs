using System.Buffers.Binary;
using System.Security.Cryptography;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// aes128-gcm@openssh.com / aes256-gcm@openssh.com (RFC 5647 as amended by OpenSSH): the length is clear
/// and authenticated as AAD; the 12-byte nonce is a 4-byte fixed field and a 64-bit invocation counter
/// incremented after every packet. The MAC negotiated alongside is ignored. Runs in OpenSSL directly where
/// <see cref="OpenSslAesGcm"/> binds (Linux), otherwise in .NET's <see cref="AesGcm"/>; both give the same bytes.
/// </summary>
internal sealed class AesGcmCipher : IPacketCipher
{
    private const int Tag = 16;
    private readonly AesGcm? _aes;
    private readonly OpenSslAesGcm? _openSsl;
    private readonly OpenSslAesGcm.ContextHandle? _context;
    private readonly byte[] _nonce;

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
        : this(key, iv, OpenSslAesGcm.Instance)
    {
    }

    /// <summary>With the implementation chosen by the caller (null: .NET's), for tests.</summary>
    internal AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, OpenSslAesGcm? openSsl)
    {
        _nonce = iv[..12].ToArray();
        _context = openSsl?.CreateContext(key);
        if (_context is not null)
        {
            _openSsl = openSsl;
        }
        else
        {
            _aes = new AesGcm(key, Tag);
        }
    }

    public int BlockSize => 16;

    public int TagLength => Tag;

    public bool AlignIncludesLength => false;

    public int LengthFieldBytes => 4;

    public bool HidesFramingErrors => false;

    public uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head) => BinaryPrimitives.ReadUInt32BigEndian(head);

    public void Open(uint sequenceNumber, Span<byte> packet)
    {
        var body = packet[4..^Tag];
        if (_context is not null)
        {
            if (!_openSsl!.TryOpen(_context, _nonce, packet[..4], body, packet[^Tag..]))
            {
                throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect");
            }
        }
        else
        {
            try
            {
                _aes!.Decrypt(_nonce, body, packet[^Tag..], body, packet[..4]);
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new SshDisconnectException(DisconnectReason.MacError, "message authentication code incorrect", e);
            }
        }

        Increment();
    }

    public void Seal(uint sequenceNumber, Span<byte> packet)
    {
        var body = packet[4..^Tag];
        if (_context is not null)
        {
            if (!_openSsl!.TrySeal(_context, _nonce, packet[..4], body, packet[^Tag..]))
            {
                throw new CryptographicException("OpenSSL AES-GCM encryption failed");
            }
        }
        else
        {
            _aes!.Encrypt(_nonce, body, body, packet[^Tag..], packet[..4]);
        }

        Increment();
    }

    private void Increment()
    {
        var counter = _nonce.AsSpan(4);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }

    public void Dispose()
    {
        _aes?.Dispose();
        _context?.Dispose();
    }
}
