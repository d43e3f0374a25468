using System.Buffers;
using System.IO.Compression;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Crypto;

/// <summary>Compression algorithms (RFC 4253 6.2): "none", "zlib" (on from NEWKEYS) and "zlib@openssh.com" (on after authentication).</summary>
internal static class CompressionTable
{
    public const string None = "none";
    public const string Zlib = "zlib";
    public const string DelayedZlib = "zlib@openssh.com";

    public static readonly IReadOnlyList<string> Names = [None, DelayedZlib, Zlib];

    public static bool IsSupported(string name) => name is None or Zlib or DelayedZlib;
}

/// <summary>
/// One zlib stream per direction for the connection's lifetime; every packet ends with a sync flush
/// (Z_SYNC_FLUSH: the 00 00 FF FF marker) so the peer can inflate it without waiting for more.
/// </summary>
internal sealed class ZlibCompressor : IDisposable
{
    private readonly BufferStream _sink = new();
    private readonly ZLibStream _zlib;

    public ZlibCompressor() => _zlib = new ZLibStream(_sink, CompressionLevel.Fastest, leaveOpen: true);

    /// <summary>Compresses one payload; the result is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Compress(ReadOnlySpan<byte> payload)
    {
        _sink.Buffer.ResetWrittenCount();
        _zlib.Write(payload);
        _zlib.Flush();
        return _sink.Buffer.WrittenMemory;
    }

    public void Dispose() => _zlib.Dispose();
}

/// <summary>Inflates packets of the peer's single zlib stream, with a bound on the inflated size.</summary>
internal sealed class ZlibDecompressor : IDisposable
{
    private readonly BufferStream _source = new();
    private readonly ZLibStream _zlib;
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly int _limit;

    public ZlibDecompressor(int limit)
    {
        _limit = limit;
        _zlib = new ZLibStream(_source, CompressionMode.Decompress, leaveOpen: true);
    }

    public ReadOnlyMemory<byte> Decompress(ReadOnlySpan<byte> compressed)
    {
        _source.Load(compressed);
        _output.ResetWrittenCount();
        try
        {
            while (true)
            {
                var span = _output.GetSpan(4096);
                var read = _zlib.Read(span);
                if (read == 0)
                {
                    break;
                }

                _output.Advance(read);
                if (_output.WrittenCount > _limit)
                {
                    throw new SshDisconnectException(DisconnectReason.CompressionError, "decompressed packet too large");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new SshDisconnectException(DisconnectReason.CompressionError, "corrupt compressed data: " + e.Message);
        }

        if (!_source.IsDrained)
        {
            throw new SshDisconnectException(DisconnectReason.CompressionError, "compressed stream ended early");
        }

        return _output.WrittenMemory;
    }

    public void Dispose() => _zlib.Dispose();
}

/// <summary>Write side collects into a reusable buffer; read side serves the loaded packet and then reports end-of-data.</summary>
internal sealed class BufferStream : Stream
{
    private byte[] _input = new byte[4096];
    private int _inputLength;
    private int _inputPosition;

    public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

    public bool IsDrained => _inputPosition == _inputLength;

    public void Load(ReadOnlySpan<byte> data)
    {
        if (_input.Length < data.Length)
        {
            _input = new byte[Math.Max(data.Length, _input.Length * 2)];
        }

        data.CopyTo(_input);
        _inputLength = data.Length;
        _inputPosition = 0;
    }

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _inputLength - _inputPosition);
        _input.AsSpan(_inputPosition, count).CopyTo(buffer);
        _inputPosition += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Buffer.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => Buffer.Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
