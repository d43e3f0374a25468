using System.Security.Cryptography;

namespace Emulator.Ssh.Crypto;

/// <summary>A stateful stream of blocks in one direction (CTR or CBC), continuing across packets as SSH requires.</summary>
internal interface IBlockMode : IDisposable
{
    int BlockSize { get; }

    /// <summary>Transforms whole blocks in place and advances the state.</summary>
    void Transform(Span<byte> data);

    /// <summary>Decrypts the first block of the next packet into <paramref name="output"/> without advancing.</summary>
    void PeekDecrypt(ReadOnlySpan<byte> block, Span<byte> output);
}

/// <summary>
/// CTR mode (RFC 4344) on .NET's AES: the keystream is AES-ECB over consecutive big-endian counter
/// blocks, built for a whole packet in one call; buffers are reused.
/// </summary>
internal sealed class CtrMode : IBlockMode
{
    private readonly SymmetricAlgorithm _cipher;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counter;
    private readonly byte[] _peek;
    private byte[] _keystream = new byte[512];

    public CtrMode(SymmetricAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _cipher = cipher;
        _cipher.Key = key.ToArray();
        _cipher.Mode = CipherMode.ECB;
        _cipher.Padding = PaddingMode.None;
        // One long-lived transform: the one-shot EncryptEcb call would set up a native context per packet.
        _ecb = _cipher.CreateEncryptor();
        BlockSize = _cipher.BlockSize / 8;
        _counter = iv[..BlockSize].ToArray();
        _peek = new byte[BlockSize];
    }

    public int BlockSize { get; }

    public void Transform(Span<byte> data)
    {
        if (_keystream.Length < data.Length)
        {
            _keystream = new byte[Math.Max(data.Length, _keystream.Length * 2)];
        }

        var stream = _keystream.AsSpan(0, data.Length);
        for (var offset = 0; offset < data.Length; offset += BlockSize)
        {
            _counter.CopyTo(stream[offset..]);
            Increment(_counter);
        }

        _ecb.TransformBlock(_keystream, 0, data.Length, _keystream, 0);
        Xor(data, stream);
    }

    public void PeekDecrypt(ReadOnlySpan<byte> block, Span<byte> output)
    {
        _ecb.TransformBlock(_counter, 0, BlockSize, _peek, 0);
        for (var i = 0; i < BlockSize; i++)
        {
            output[i] = (byte)(block[i] ^ _peek[i]);
        }
    }

    private static void Increment(Span<byte> counter)
    {
        for (var i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0)
            {
                return;
            }
        }
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> stream)
    {
        var vectors = System.Numerics.Vector<byte>.Count;
        var i = 0;
        for (; i + vectors <= data.Length; i += vectors)
        {
            var v = new System.Numerics.Vector<byte>(data[i..]) ^ new System.Numerics.Vector<byte>(stream[i..]);
            v.CopyTo(data[i..]);
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= stream[i];
        }
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _cipher.Dispose();
    }
}

/// <summary>CBC mode (RFC 4253 6.3) with .NET one-shot CBC calls; the IV carries over from the last ciphertext block.</summary>
internal sealed class CbcMode : IBlockMode
{
    private readonly SymmetricAlgorithm _cipher;
    private readonly bool _encrypt;
    private readonly byte[] _iv;
    private byte[] _scratch = new byte[512];

    public CbcMode(SymmetricAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt)
    {
        _cipher = cipher;
        _cipher.Key = key.ToArray();
        _encrypt = encrypt;
        BlockSize = _cipher.BlockSize / 8;
        _iv = iv[..BlockSize].ToArray();
    }

    public int BlockSize { get; }

    public void Transform(Span<byte> data)
    {
        if (_scratch.Length < data.Length)
        {
            _scratch = new byte[Math.Max(data.Length, _scratch.Length * 2)];
        }

        var output = _scratch.AsSpan(0, data.Length);
        if (_encrypt)
        {
            _cipher.EncryptCbc(data, _iv, output, PaddingMode.None);
            output[^BlockSize..].CopyTo(_iv);
        }
        else
        {
            _cipher.DecryptCbc(data, _iv, output, PaddingMode.None);
            data[^BlockSize..].CopyTo(_iv);
        }

        output.CopyTo(data);
    }

    public void PeekDecrypt(ReadOnlySpan<byte> block, Span<byte> output) =>
        _cipher.DecryptCbc(block[..BlockSize], _iv, output[..BlockSize], PaddingMode.None);

    public void Dispose() => _cipher.Dispose();
}
