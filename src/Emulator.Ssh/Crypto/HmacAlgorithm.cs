using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// One HMAC instance per direction (RFC 4253 6.4): mac = HMAC(key, uint32 sequence_number || data),
/// optionally truncated (-96 variants). Reuses one <see cref="IncrementalHash"/>, so computing allocates nothing.
/// </summary>
internal sealed class HmacAlgorithm : IDisposable
{
    private readonly IncrementalHash _hash;
    private readonly int _hashLength;

    public HmacAlgorithm(HashAlgorithmName hash, ReadOnlySpan<byte> key, int macLength, bool encryptThenMac)
    {
        _hash = IncrementalHash.CreateHMAC(hash, key);
        _hashLength = _hash.HashLengthInBytes;
        MacLength = macLength;
        EncryptThenMac = encryptThenMac;
    }

    public int MacLength { get; }

    /// <summary>The -etm@openssh.com form: the MAC covers the clear length and the ciphertext.</summary>
    public bool EncryptThenMac { get; }

    public void Compute(uint sequenceNumber, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> sequence = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequence, sequenceNumber);
        Span<byte> full = stackalloc byte[_hashLength];
        _hash.AppendData(sequence);
        _hash.AppendData(data);
        _hash.GetHashAndReset(full);
        full[..MacLength].CopyTo(mac);
    }

    public bool Verify(uint sequenceNumber, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[MacLength];
        Compute(sequenceNumber, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    public void Dispose() => _hash.Dispose();
}
